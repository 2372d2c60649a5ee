import { schedulableInventory } from '../day2/drained-tag.js';
import type { AdmissionRule } from '../inventory/headroom.js';
import type { InventorySnapshot } from '../inventory/schema.js';
import type { HostInput, VmRequestInput } from '../model/schemas.js';
import { withRatioChanges } from '../outputs/ratios.js';
import { solvePlacement } from '../placement/solve-placement.js';
import type { Preset } from '../presets/presets.js';
import { CK_ROLE_APPLICATIONS, workloadFromFile } from '../workload/to-workload.js';
import { type Assignment, createPlan } from './create.js';
import { PlanInputError } from './errors.js';
import type { Plan, RatioChange } from './schema.js';
import { type Workload, type WorkloadInput, WorkloadSchema } from './workload.js';

/** The inventory's VM hosts in the placement engine's host model (MiB, bytes, both admission rules). */
export function placementHosts(inventory: InventorySnapshot): HostInput[] {
  return inventory.vmHosts.map((host) => ({
    name: host.name,
    zone: host.zone.name,
    pool: host.pool.name,
    tags: host.tags,
    cores: host.total.cores,
    memory: host.total.memoryMiB,
    storagePools: host.storagePools.map((pool) => ({
      name: pool.name,
      free: Math.max(0, pool.availableBytes),
      default: pool.id === host.defaultStoragePoolId,
    })),
    cpuOverCommitRatio: host.cpuOverCommitRatio,
    memoryOverCommitRatio: host.memoryOverCommitRatio,
    used: { cores: host.used.cores, memory: host.used.memoryMiB },
    other: { cores: host.usedByOtherProjects.cores, memory: host.usedByOtherProjects.memoryMiB },
  }));
}

/** The workload's VM roles as placement requests: one request per role, `role/i` per machine. */
export function placementRequests(workload: Workload): VmRequestInput[] {
  return Object.entries(workload.roles)
    .filter(([, role]) => role.kind === 'vm' && role.count > 0)
    .map(([name, role]) => ({
      name,
      count: role.count,
      cores: role.cores,
      memory: role.memoryMiB,
      disks: role.disks.map((disk) => ({
        size: disk.sizeGB * 1e9,
        ...(disk.pool === undefined ? {} : { pool: disk.pool }),
      })),
      ...(role.zones === undefined ? {} : { zones: role.zones }),
      ...(role.antiAffinity === undefined
        ? {}
        : {
            antiAffinity: {
              group: name,
              scope: role.antiAffinity.scope,
              maxPerDomain: role.antiAffinity.maxPerDomain,
            },
          }),
    }));
}

/** Bare-metal roles take free Ready machines with enough GPUs, one role machine per node, zones honoured. */
function bareMetalAssignments(inventory: InventorySnapshot, workload: Workload): Assignment[] {
  const taken = new Set<string>();
  const assignments: Assignment[] = [];
  for (const [name, role] of Object.entries(workload.roles)) {
    if (role.kind !== 'bare-metal') continue;
    const usedZones = new Map<string, number>();
    for (let index = 0; index < role.count; index += 1) {
      const machine = inventory.machines.find(
        (m) =>
          !taken.has(m.systemId) &&
          m.status === 'Ready' &&
          m.owner === null &&
          m.vmHostId === null &&
          m.gpus.length >= role.gpus &&
          (role.zones === undefined || role.zones.includes(m.zone.name)) &&
          (role.antiAffinity?.scope !== 'zone' ||
            (usedZones.get(m.zone.name) ?? 0) < role.antiAffinity.maxPerDomain),
      );
      if (machine === undefined) {
        throw new PlanInputError(`${name}/${index}: no free Ready machine has ${role.gpus} GPUs`, {
          hint: 'commission a machine with GPUs or lower the role count',
        });
      }
      taken.add(machine.systemId);
      usedZones.set(machine.zone.name, (usedZones.get(machine.zone.name) ?? 0) + 1);
      assignments.push({ role: name, index, machine: machine.systemId });
    }
  }
  return assignments;
}

export interface PlanWorkloadInput {
  inventory: InventorySnapshot;
  workload: WorkloadInput;
  objective?: 'pack' | 'spread';
  rule?: AdmissionRule;
  ratioChanges?: readonly RatioChange[];
  timeLimitMs?: number;
  /** Caps the engine's search so the same inputs give the same plan whatever the machine's speed. */
  maxIterations?: number;
  seed?: number;
  id?: string;
  name?: string;
}

/**
 * Plans a workload on an inventory (live or a snapshot file, offline): the placement engine places the
 * VM roles against the inventory as the ratio changes will leave it; bare-metal roles take free GPU
 * machines; the result is a complete plan with its outputs. An infeasible placement is an error that
 * carries the engine's per-VM explanation and smallest fix.
 */
export function planWorkload(input: PlanWorkloadInput): Plan {
  const workload = WorkloadSchema.parse(input.workload);
  const objective = input.objective ?? 'spread';
  const rule = input.rule ?? 'server';
  // Drained hosts take no new VMs (edgekit drain); createPlan still sees them, for ratio updates.
  const effective = withRatioChanges(schedulableInventory(input.inventory), input.ratioChanges ?? []);
  const result = solvePlacement(
    { hosts: placementHosts(effective), vms: placementRequests(workload) },
    {
      objective,
      admission: rule,
      timeLimitMs: input.timeLimitMs ?? 1000,
      seed: input.seed ?? 1,
      ...(input.maxIterations === undefined ? {} : { maxIterations: input.maxIterations }),
    },
  );
  if (!result.feasible) {
    const why = result.unplaced.map(
      (vm) =>
        `${vm.message}${vm.suggestions.length > 0 ? ` (${vm.suggestions.map((s) => JSON.stringify(s)).join('; ')})` : ''}`,
    );
    throw new PlanInputError(`the workload does not fit: ${why.join('; ')}`, { details: result.unplaced });
  }
  const assignments: Assignment[] = result.placements.map((placement) => {
    const [role = '', index = '0'] = placement.vm.split('/');
    const pools = placement.disks.filter((pool): pool is string => pool !== null);
    return {
      role,
      index: Number(index),
      vmHost: placement.host,
      ...(pools.length > 0 ? { storagePools: pools } : {}),
    };
  });
  assignments.push(...bareMetalAssignments(effective, workload));
  return createPlan({
    inventory: input.inventory,
    workload,
    placement: {
      objective,
      rule,
      assignments,
      stats: {
        hostsUsed: result.hostsUsed,
        lowerBound: result.lowerBound,
        gap: result.gap,
        provenOptimal: result.provenOptimal,
        utilisation: result.utilisation,
        bindingResource: result.bindingResource,
        timeMs: result.stats.timeMs,
      },
    },
    ...(input.ratioChanges === undefined ? {} : { ratioChanges: input.ratioChanges }),
    ...(input.id === undefined ? {} : { id: input.id }),
    ...(input.name === undefined ? {} : { name: input.name }),
  });
}

/**
 * A placement preset turned into a deployable workload: the preset gives the machines (sizes, counts,
 * anti-affinity), the bundle gives the charms, options and relations (a preset is a workload file with
 * only `preset:`).
 */
export function workloadFromPreset(
  preset: Preset,
  bundleTexts: readonly string[],
  roleApplications: Readonly<Record<string, string[]>> = CK_ROLE_APPLICATIONS,
): Workload {
  return workloadFromFile(
    { name: preset.name, preset: preset.name, vms: preset.vms },
    bundleTexts,
    roleApplications,
  ).workload;
}
