import type { StatusView } from '../apply/juju-api.js';
import { headroom } from '../inventory/headroom.js';
import type { InventorySnapshot } from '../inventory/schema.js';
import type { Plan } from './schema.js';

export interface PlanDiff {
  /** Planned machines that exist where the plan put them. */
  exists: string[];
  /** Planned VMs not composed yet. */
  toCompose: string[];
  /** Machines carrying this plan's tag that the plan does not have (e.g. a renamed or extra VM). */
  surplus: string[];
  /** What changed since the plan was made, each a sentence naming the object and both values. */
  drifted: string[];
  /** Juju applications of the plan with fewer or more units than planned (when a status is given). */
  juju: {
    missingApplications: string[];
    unitCounts: { application: string; planned: number; live: number }[];
  };
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/**
 * Compares a plan with the live MAAS (a fresh inventory) and, optionally, the Juju model: what
 * exists, what apply will still compose, what is surplus, and what has drifted since planning
 * (ratios, free resources, bare-metal availability, machines on the wrong host).
 */
export function diffPlan(plan: Plan, live: InventorySnapshot, status?: StatusView): PlanDiff {
  const result: PlanDiff = {
    exists: [],
    toCompose: [],
    surplus: [],
    drifted: [],
    juju: { missingApplications: [], unitCounts: [] },
  };
  const liveVms = live.vmHosts.flatMap((host) => host.vms.map((vm) => ({ ...vm, host })));
  const plannedNames = new Set(plan.placement.machines.map((m) => m.hostname));

  for (const machine of plan.placement.machines) {
    if (machine.target.kind === 'vm') {
      const target = machine.target;
      const vm = liveVms.find((candidate) => candidate.hostname === machine.hostname);
      if (vm === undefined) result.toCompose.push(machine.hostname);
      else if (vm.host.id !== target.vmHostId) {
        result.drifted.push(`${machine.hostname} exists on ${vm.host.name}, planned on ${target.vmHostName}`);
      } else result.exists.push(machine.hostname);
    } else {
      const target = machine.target;
      const bare = live.machines.find((candidate) => candidate.systemId === target.systemId);
      const wasFree = plan.inventory.machines.find((candidate) => candidate.systemId === target.systemId);
      if (bare === undefined)
        result.drifted.push(`${machine.hostname} (${target.systemId}) is no longer in MAAS`);
      else {
        result.exists.push(machine.hostname);
        const ours = bare.tags.includes(plan.outputs.tags.plan);
        if (!ours && (bare.status !== wasFree?.status || bare.owner !== null)) {
          result.drifted.push(
            `${machine.hostname} is ${bare.status}${bare.owner ? ` (owner ${bare.owner})` : ''}, was ${wasFree?.status ?? 'unknown'} when planned`,
          );
        }
        if (bare.gpus.length < target.gpus)
          result.drifted.push(
            `${machine.hostname} now has ${bare.gpus.length} GPUs, the plan needs ${target.gpus}`,
          );
      }
    }
  }

  for (const vm of liveVms) {
    if (vm.tags.includes(plan.outputs.tags.plan) && !plannedNames.has(vm.hostname))
      result.surplus.push(vm.hostname);
  }
  for (const bare of live.machines) {
    if (bare.tags.includes(plan.outputs.tags.plan) && !plannedNames.has(bare.hostname))
      result.surplus.push(bare.hostname);
  }

  for (const planned of plan.inventory.vmHosts) {
    const now = live.vmHosts.find((host) => host.id === planned.id);
    if (now === undefined) {
      result.drifted.push(`VM host ${planned.name} is gone`);
      continue;
    }
    const update = plan.outputs.ratioUpdates.find((u) => u.vmHostId === planned.id);
    const cpuTargets = [planned.cpuOverCommitRatio, update?.params.cpu_over_commit_ratio].filter(
      (v) => v !== undefined,
    );
    const memTargets = [planned.memoryOverCommitRatio, update?.params.memory_over_commit_ratio].filter(
      (v) => v !== undefined,
    );
    if (!cpuTargets.some((v) => near(v, now.cpuOverCommitRatio))) {
      result.drifted.push(
        `VM host ${now.name}: cpu ratio ${now.cpuOverCommitRatio}, planned with ${cpuTargets.join(' → ')}`,
      );
    }
    if (!memTargets.some((v) => near(v, now.memoryOverCommitRatio))) {
      result.drifted.push(
        `VM host ${now.name}: memory ratio ${now.memoryOverCommitRatio}, planned with ${memTargets.join(' → ')}`,
      );
    }
    // Usage by VMs that are not this plan's (planned or carrying its tag): if it grew, its VMs may no longer fit.
    const foreign = (host: typeof now) => {
      const vms = host.vms.filter(
        (vm) =>
          !vm.otherProject && !plannedNames.has(vm.hostname) && !vm.tags.includes(plan.outputs.tags.plan),
      );
      return {
        cores: vms.reduce((s, vm) => s + vm.cores, 0),
        memoryMiB: vms.reduce((s, vm) => s + vm.memoryMiB, 0),
      };
    };
    const before = foreign(planned);
    const after = foreign(now);
    if (after.cores > before.cores || after.memoryMiB > before.memoryMiB) {
      const room = headroom(now, plan.placement.rule);
      result.drifted.push(
        `VM host ${now.name}: other VMs now use ${after.cores} cores / ${after.memoryMiB} MiB (planned with ${before.cores} / ${before.memoryMiB}); room left ${room.cores} cores / ${room.memoryMiB} MiB`,
      );
    }
  }

  if (status !== undefined) {
    for (const [app, spec] of Object.entries(plan.workload.applications)) {
      if (spec.subordinate) continue;
      const planned = plan.placement.machines.filter((m) =>
        plan.workload.roles[m.role]?.applications.includes(app),
      ).length;
      const liveApp = status.applications[app];
      if (liveApp === undefined) result.juju.missingApplications.push(app);
      else {
        const count = Object.keys(liveApp.units ?? {}).length;
        if (count !== planned) result.juju.unitCounts.push({ application: app, planned, live: count });
      }
    }
  }
  return result;
}
