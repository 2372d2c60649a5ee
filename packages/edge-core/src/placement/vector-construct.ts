import type { Assignment } from './assignment.js';
import { packVectors } from './pack-vectors.js';
import type { Budget } from './strategies.js';
import type { Unit } from './units.js';

/**
 * Pack construction through the vector packer, for the common sizing case of identical hosts: the units'
 * demands become item vectors (cores, memory, and hugepages, pinned cores, storage when used), host
 * anti-affinity with one per host becomes conflicts, and packVectors' greedies and bin-emptying search find
 * few bins; the bins are then put on hosts one by one through the ordinary admission checks (which also
 * enforce zone anti-affinity). Returns false, leaving the assignment untouched, when the case does not
 * apply or the bins cannot be put on hosts.
 */
export function constructWithVectors(
  a: Assignment,
  hostOrder: readonly number[],
  budget: Budget,
  seed: number,
): boolean {
  const units = a.problem.units;
  const states = a.states;
  const first = states[0];
  if (!first || units.length === 0) return false;
  if (units.some((u) => u.pinned || u.demand.gpus.length > 0)) return false;
  if (a.problem.groups.some((g) => g.scope === 'host' && g.maxPerDomain > 1)) return false;
  const sameStorage = states.every(
    (s) =>
      s.poolFree.length === first.poolFree.length &&
      s.poolFree.every((free, p) => free === first.poolFree[p]),
  );
  if (!sameStorage || first.poolFree.length > 1) return false;
  const free = (s: (typeof states)[number]) => [
    s.cpuCapacity - s.usedCores,
    s.memoryCapacity - s.usedMemory,
    s.hugepagesFree,
    s.pinnedFree,
    s.poolFree[0] ?? 0,
  ];
  const reference = free(first);
  if (!states.every((s) => free(s).every((x, k) => x === reference[k]))) return false;
  if (
    units.some((u) => u.demand.largestCores > first.host.cores || u.demand.largestMemory > first.host.memory)
  ) {
    return false;
  }
  const storageModelled = first.host.storagePools !== undefined;
  const dims: ((u: Unit) => number)[] = [(u) => u.demand.cores, (u) => u.demand.memory];
  const capacity = [reference[0]!, reference[1]!];
  const optional: [number, (u: Unit) => number][] = [
    [2, (u) => u.demand.hugepages],
    [3, (u) => u.demand.pinnedCores],
    [4, (u) => (storageModelled ? u.demand.disks.reduce((s, d) => s + d.size, 0) : 0)],
  ];
  for (const [k, size] of optional) {
    if (units.some((u) => size(u) > 0)) {
      dims.push(size);
      capacity.push(reference[k]!);
    }
  }
  const items = units.map((u) => dims.map((size) => size(u)));
  if (items.some((row) => row.some((x, k) => x > capacity[k]!)) || capacity.some((c) => c < 0)) return false;
  const conflicts: [number, number][] = [];
  const byGroup = new Map<number, number[]>();
  units.forEach((u, i) => {
    for (const { group } of u.groups) {
      // Members of a group allowing one per host (or per zone: a host is in one zone) never share a bin.
      const rule = a.problem.groups[group]!;
      if (rule.scope === 'host' || rule.maxPerDomain === 1)
        byGroup.set(group, [...(byGroup.get(group) ?? []), i]);
    }
  });
  for (const members of byGroup.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) conflicts.push([members[x]!, members[y]!]);
    }
  }
  const remaining = Math.max(0, budget.deadline - budget.now());
  const packed = packVectors({
    binCapacity: capacity,
    items,
    conflicts,
    timeLimitMs: remaining / 2,
    ...(Number.isFinite(budget.maxIterations) ? { maxIterations: budget.maxIterations } : {}),
    seed,
  });
  if (packed.bins.length > hostOrder.length) return false;
  // Bins holding the most zone-constrained units go first, while every zone still has free hosts.
  const zoneMembers = (bin: number[]) =>
    bin.reduce(
      (s, i) => s + units[i]!.groups.filter((g) => a.problem.groups[g.group]!.scope === 'zone').length,
      0,
    );
  const bins = [...packed.bins].sort((x, y) => zoneMembers(y) - zoneMembers(x) || y.length - x.length);
  const taken = new Set<number>();
  for (const bin of bins) {
    const host = hostOrder.find(
      (h) =>
        !taken.has(h) &&
        tryPlaceAll(
          a,
          bin.map((i) => units[i]!),
          h,
        ),
    );
    if (host === undefined) {
      for (const unit of units) if (a.unitHost[unit.index]! >= 0) a.unplace(unit);
      return false;
    }
    taken.add(host);
  }
  return true;
}

function tryPlaceAll(a: Assignment, bin: readonly Unit[], h: number): boolean {
  const placed: Unit[] = [];
  for (const unit of bin) {
    if (!a.canPlace(unit, h)) {
      for (const done of placed) a.unplace(done);
      return false;
    }
    a.place(unit, h);
    placed.push(unit);
  }
  return true;
}
