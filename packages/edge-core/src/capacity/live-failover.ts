import { isDrained } from '../day2/drained-tag.js';
import type { AdmissionRule } from '../inventory/headroom.js';
import type { InventorySnapshot } from '../inventory/schema.js';
import { type PlacementProblem, PlacementProblemSchema } from '../model/schemas.js';
import { placementHosts } from '../plan/place.js';
import { checkSingleHostFailures, type FailoverCheck } from './failover.js';

/**
 * N-1 on the live site: the VMs MAAS shows on each VM host (its tracked project) are taken as they are,
 * and for each host in turn the planning-time check re-places that host's VMs on the survivors under the
 * same admission rule. Disks are not modelled (MAAS does not report a composed VM's pool per disk), and
 * the live VMs carry no anti-affinity groups, so this is the capacity half of the planning-time check.
 * A drained host (`edgekit drain`) keeps the VMs it has but takes none of a failed host's.
 */
export function checkLiveSingleHostFailures(
  inventory: InventorySnapshot,
  rule: AdmissionRule,
): FailoverCheck & { problem: PlacementProblem } {
  const tracked = inventory.vmHosts.map((host) => ({
    host,
    vms: host.vms.filter((vm) => !vm.otherProject && vm.cores > 0 && vm.memoryMiB >= 1024),
  }));
  const hosts = placementHosts(inventory).map((input, i) => {
    const { host, vms } = tracked[i]!;
    // The modelled VMs are placed explicitly; what MAAS counts beyond them stays as fixed usage.
    const cores = vms.reduce((n, vm) => n + vm.cores, 0);
    const memory = vms.reduce((n, vm) => n + vm.memoryMiB, 0);
    const { storagePools: _unmodelled, ...rest } = input;
    return {
      ...rest,
      used: {
        cores: Math.max(0, host.used.cores - cores),
        memory: Math.max(0, host.used.memoryMiB - memory),
      },
    };
  });
  const schedulable = inventory.vmHosts.filter((host) => !isDrained(host)).map((host) => host.name);
  const anyDrained = schedulable.length < inventory.vmHosts.length;
  const problem = PlacementProblemSchema.parse({
    hosts,
    vms: tracked.flatMap(({ host, vms }) =>
      vms.map((vm) => ({
        name: vm.hostname,
        cores: vm.cores,
        memory: vm.memoryMiB,
        disks: [],
        ...(anyDrained ? { hosts: [...new Set([...schedulable, host.name])] } : {}),
      })),
    ),
  });
  const placements = tracked.flatMap(({ host, vms }) =>
    vms.map((vm) => ({
      vm: `${vm.hostname}/0`,
      request: vm.hostname,
      host: host.name,
      zone: host.zone.name,
      disks: [],
      gpus: [],
    })),
  );
  const check = checkSingleHostFailures(problem, { placements }, rule);
  // Each live VM is a request of one: report it by its MAAS hostname, not the engine's `name/0`.
  const failures = check.failures.map((f) => ({
    ...f,
    stranded: f.stranded.map((vm) => vm.replace(/\/0$/, '')),
  }));
  return { ok: check.ok, failures, problem };
}
