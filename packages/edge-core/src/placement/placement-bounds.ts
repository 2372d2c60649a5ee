import type { HostState } from '../capacity/host-state.js';
import { type LowerBound, lowerBound as vectorLowerBound } from './bounds.js';
import { type CompiledProblem, hostAllowed, type Unit } from './units.js';
import { buildInstance } from './vectors.js';

/**
 * Fewest hosts the VMs could possibly need. Capacity: per resource, the fewest hosts whose largest free
 * capacities add up to the demand. Side constraints: an anti-affinity group of r with at most q per domain
 * needs ceil(r/q) hosts. The vector bounds (L2, clique with host anti-affinity as conflicts, cardinality)
 * apply on hosts of the largest free cores and memory, which every host fits inside.
 */
export function placementLowerBound(problem: CompiledProblem, states: readonly HostState[]): LowerBound {
  const units = problem.units;
  if (units.length === 0) return { value: 0, rule: 'empty', detail: 'no VMs' };
  let best: LowerBound = { value: 1, rule: 'L1', detail: 'at least one host' };
  const consider = (candidate: LowerBound): void => {
    if (candidate.value > best.value) best = candidate;
  };
  const dims: { name: string; demand: number; free: number[] }[] = [
    {
      name: 'cores',
      demand: units.reduce((s, u) => s + u.demand.cores, 0),
      free: states.map((s) => Math.max(0, s.cpuCapacity - s.usedCores)),
    },
    {
      name: 'memory',
      demand: units.reduce((s, u) => s + u.demand.memory, 0),
      free: states.map((s) => Math.max(0, s.memoryCapacity - s.usedMemory)),
    },
    {
      name: 'hugepages',
      demand: units.reduce((s, u) => s + u.demand.hugepages, 0),
      free: states.map((s) => Math.max(0, s.hugepagesFree)),
    },
    {
      name: 'pinned cores',
      demand: units.reduce((s, u) => s + u.demand.pinnedCores, 0),
      free: states.map((s) => Math.max(0, s.pinnedFree)),
    },
    {
      name: 'gpus',
      demand: units.reduce((s, u) => s + u.demand.gpus.reduce((g, x) => g + x.count, 0), 0),
      free: states.map((s) => [...s.gpuFree.values()].reduce((g, x) => g + x, 0)),
    },
  ];
  for (const dim of dims) {
    const hosts = fewestHostsCovering(dim.free, dim.demand);
    if (hosts !== null && hosts > 0)
      consider({ value: hosts, rule: 'L1', detail: `${dim.name}: largest free capacities` });
  }
  const joint = jointCapacityBound(dims[0]!, dims[1]!);
  if (joint) consider(joint);
  const pinned = pinBound(units, states);
  if (pinned) consider(pinned);
  for (const group of problem.groups) {
    const value = Math.ceil(group.size / group.maxPerDomain);
    consider({
      value,
      rule: 'anti-affinity',
      detail: `group ${group.name}: ${group.size} members, at most ${group.maxPerDomain} per ${group.scope}`,
    });
  }
  // Every host fits inside one with the largest free cores and the largest free memory of them all, so a
  // bound for identical hosts of that size holds for these hosts too (exactly so when they are identical).
  const freeCores = states.map((s) => s.cpuCapacity - s.usedCores);
  const freeMemory = states.map((s) => s.memoryCapacity - s.usedMemory);
  const capacity = [Math.max(0, ...freeCores), Math.max(0, ...freeMemory)];
  const identical =
    freeCores.every((c) => c === freeCores[0]) && freeMemory.every((m) => m === freeMemory[0]);
  if (states.length > 0 && units.length <= 5000) {
    if (
      capacity.every((c) => c > 0) &&
      units.every((u) => u.demand.cores <= capacity[0]! && u.demand.memory <= capacity[1]!)
    ) {
      const conflicts: [number, number][] = [];
      const members = new Map<number, number[]>();
      units.forEach((u, i) => {
        for (const { group } of u.groups) {
          if (problem.groups[group]!.scope === 'host' && problem.groups[group]!.maxPerDomain === 1) {
            members.set(group, [...(members.get(group) ?? []), i]);
          }
        }
      });
      for (const list of members.values()) {
        for (let x = 0; x < list.length; x++)
          for (let y = x + 1; y < list.length; y++) conflicts.push([list[x]!, list[y]!]);
      }
      const inst = buildInstance(
        capacity,
        units.map((u) => [u.demand.cores, u.demand.memory]),
        conflicts,
      );
      const vector = vectorLowerBound(inst, capacity);
      if (vector.value > best.value) {
        const hosts = identical ? 'identical hosts' : 'hosts no larger than the largest free one';
        consider({ ...vector, detail: `${vector.detail} (cores, memory on ${hosts})` });
      }
    }
  }
  return best;
}

/** Fewest of the given free capacities that add up to the demand (largest first), or null when all do not. */
function fewestHostsCovering(free: readonly number[], demand: number): number | null {
  if (demand <= 0) return 0;
  const sorted = [...free].sort((x, y) => y - x);
  let sum = 0;
  let hosts = 0;
  while (hosts < sorted.length && sum < demand) sum += sorted[hosts++]!;
  return sum >= demand ? hosts : null;
}

/** Above this many pinned units x hosts the pin bound is skipped (it costs one check per pair). */
const PIN_BOUND_WORK_LIMIT = 2_000_000;

/**
 * Pins: VMs allowed only on a set S of hosts (zones, host names, tags, pool) need, on S alone, the fewest
 * hosts of S whose free cores and memory cover them. Sets that share no host add up, since no host counts
 * twice: the sum over a family of pairwise disjoint pin sets is a bound.
 */
function pinBound(units: readonly Unit[], states: readonly HostState[]): LowerBound | null {
  const pinnedUnits = units.filter((u) => u.pinned);
  if (pinnedUnits.length === 0 || pinnedUnits.length * states.length > PIN_BOUND_WORK_LIMIT) return null;
  const sets = new Map<string, { hosts: number[]; units: Unit[] }>();
  for (const unit of pinnedUnits) {
    const hosts: number[] = [];
    states.forEach((state, h) => {
      if (hostAllowed(unit, state.host)) hosts.push(h);
    });
    const key = hosts.join(',');
    const entry = sets.get(key) ?? { hosts, units: [] };
    entry.units.push(unit);
    sets.set(key, entry);
  }
  const needs = [...sets.values()]
    .map(({ hosts, units: members }) => {
      const cores = fewestHostsCovering(
        hosts.map((h) => Math.max(0, states[h]!.cpuCapacity - states[h]!.usedCores)),
        members.reduce((sum, u) => sum + u.demand.cores, 0),
      );
      const memory = fewestHostsCovering(
        hosts.map((h) => Math.max(0, states[h]!.memoryCapacity - states[h]!.usedMemory)),
        members.reduce((sum, u) => sum + u.demand.memory, 0),
      );
      // null: the set cannot hold its VMs at all; the unplaced report says why, the bound stays silent
      const value = cores === null || memory === null ? 0 : Math.max(cores, memory, 1);
      return { hosts, value, vms: members.reduce((sum, u) => sum + u.members.length, 0) };
    })
    .sort((a, b) => b.value - a.value);
  const taken = new Set<number>();
  let value = 0;
  let vms = 0;
  let families = 0;
  for (const need of needs) {
    if (need.value === 0 || need.hosts.some((h) => taken.has(h))) continue;
    for (const h of need.hosts) taken.add(h);
    value += need.value;
    vms += need.vms;
    families++;
  }
  if (value === 0) return null;
  return {
    value,
    rule: 'pins',
    detail: `${vms} pinned VMs in ${families} host set${families === 1 ? '' : 's'} that share no host`,
  };
}

/** Weights tried between the two resources (0 and 1 are the per-resource bounds above). */
const JOINT_WEIGHTS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

/**
 * Cores and memory together: the hosts used must cover both demands with the same hosts. For any weight w,
 * a host set covering both has w x cores/coreDemand + (1 - w) x memory/memoryDemand summing to at least 1
 * over its hosts, so the fewest hosts (largest first) reaching 1 is a bound; on hosts of different shapes
 * (many cores or much memory) it beats each resource alone.
 */
function jointCapacityBound(
  cores: { demand: number; free: number[] },
  memory: { demand: number; free: number[] },
): LowerBound | null {
  if (cores.demand <= 0 || memory.demand <= 0) return null;
  let best: LowerBound | null = null;
  for (const w of JOINT_WEIGHTS) {
    const shares = cores.free.map(
      (c, h) => (w * c) / cores.demand + ((1 - w) * memory.free[h]!) / memory.demand,
    );
    const hosts = fewestHostsCovering(shares, 1 - 1e-12);
    if (hosts !== null && (best === null || hosts > best.value)) {
      best = {
        value: hosts,
        rule: 'L1',
        detail: `cores and memory on the same hosts (weights ${w.toFixed(2)} / ${(1 - w).toFixed(2)})`,
      };
    }
  }
  return best;
}
