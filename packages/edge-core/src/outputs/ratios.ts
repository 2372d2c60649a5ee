import type { InventorySnapshot } from '../inventory/schema.js';
import { PlanInputError } from '../plan/errors.js';
import type { RatioChange, RatioUpdate } from '../plan/schema.js';

/** The `PUT /vm-hosts/{id}/` updates a plan needs; a change equal to the current ratio is dropped. */
export function ratioUpdates(inventory: InventorySnapshot, changes: readonly RatioChange[]): RatioUpdate[] {
  const updates: RatioUpdate[] = [];
  for (const change of changes) {
    const host = inventory.vmHosts.find((candidate) => candidate.name === change.vmHost);
    if (host === undefined) {
      throw new PlanInputError(`ratio change names unknown VM host "${change.vmHost}"`, {
        hint: `known VM hosts: ${inventory.vmHosts.map((h) => h.name).join(', ')}`,
      });
    }
    const params: RatioUpdate['params'] = {};
    if (change.cpuOverCommitRatio !== undefined && change.cpuOverCommitRatio !== host.cpuOverCommitRatio) {
      params.cpu_over_commit_ratio = change.cpuOverCommitRatio;
    }
    if (
      change.memoryOverCommitRatio !== undefined &&
      change.memoryOverCommitRatio !== host.memoryOverCommitRatio
    ) {
      params.memory_over_commit_ratio = change.memoryOverCommitRatio;
    }
    if (Object.keys(params).length === 0) continue;
    updates.push({
      vmHostId: host.id,
      vmHostName: host.name,
      from: {
        cpu_over_commit_ratio: host.cpuOverCommitRatio,
        memory_over_commit_ratio: host.memoryOverCommitRatio,
      },
      params,
    });
  }
  return updates;
}

/** The inventory as it will be once the ratio changes are made: what placement must plan against. */
export function withRatioChanges(
  inventory: InventorySnapshot,
  changes: readonly RatioChange[],
): InventorySnapshot {
  ratioUpdates(inventory, changes);
  return {
    ...inventory,
    vmHosts: inventory.vmHosts.map((host) => {
      const change = changes.find((candidate) => candidate.vmHost === host.name);
      if (change === undefined) return host;
      return {
        ...host,
        cpuOverCommitRatio: change.cpuOverCommitRatio ?? host.cpuOverCommitRatio,
        memoryOverCommitRatio: change.memoryOverCommitRatio ?? host.memoryOverCommitRatio,
      };
    }),
  };
}
