import type { Assignment } from './assignment.js';
import type { Unit } from './units.js';

export interface Budget {
  deadline: number;
  maxIterations: number;
  now: () => number;
  iterations: number;
}

export function outOfBudget(budget: Budget): boolean {
  return budget.iterations >= budget.maxIterations || budget.now() >= budget.deadline;
}

/** Biggest units first; units with anti-affinity or pins before free ones of the same size. */
export function unitOrder(units: readonly Unit[]): Unit[] {
  const constrained = (u: Unit): number =>
    (u.groups.length > 0 ? 1 : 0) + (u.zones || u.hosts || u.tags.length > 0 || u.pool !== null ? 1 : 0);
  return [...units].sort(
    (a, b) => b.weight - a.weight || constrained(b) - constrained(a) || a.index - b.index,
  );
}

/**
 * Hosts that can take the largest share of the whole demand first (in the host's binding resource, then by
 * free capacity), so packing opens as few as possible.
 */
export function packHostOrder(a: Assignment): number[] {
  // With memory the scarce resource, a host with more memory and fewer cores comes first: measured on the
  // scale bench, ordering by cores + memory / 4 GiB used 112 hosts with 256 GiB where 384 GiB ones were idle.
  let cores = 0;
  let memory = 0;
  for (const unit of a.problem.units) {
    cores += unit.demand.cores;
    memory += unit.demand.memory;
  }
  const share = (h: number): number => {
    const s = a.states[h]!;
    const c = cores > 0 ? (s.cpuCapacity - s.usedCores) / cores : Number.POSITIVE_INFINITY;
    const m = memory > 0 ? (s.memoryCapacity - s.usedMemory) / memory : Number.POSITIVE_INFINITY;
    return Math.min(c, m);
  };
  const size = (h: number): number => {
    const s = a.states[h]!;
    return s.cpuCapacity - s.usedCores + (s.memoryCapacity - s.usedMemory) / 4096;
  };
  return a.hosts.map((_, h) => h).sort((x, y) => share(y) - share(x) || size(y) - size(x) || x - y);
}

/** Pack: first fit over the host order. Returns units that found no host. */
export function constructPack(a: Assignment, order: readonly Unit[], hostOrder: readonly number[]): Unit[] {
  const left: Unit[] = [];
  for (const unit of order) {
    const h = hostOrder.find((candidate) => a.canPlace(unit, candidate));
    if (h === undefined) left.push(unit);
    else a.place(unit, h);
  }
  return left;
}

/** Spread: each unit to the host whose larger of core/memory utilisation stays lowest after it lands. */
export function constructSpread(a: Assignment, order: readonly Unit[]): Unit[] {
  const left: Unit[] = [];
  const n = a.hosts.length;
  // Mirrors of the host states in flat arrays: this loop scores every host for every unit.
  const capCores = Float64Array.from(a.states, (s) => s.cpuCapacity);
  const capMemory = Float64Array.from(a.states, (s) => s.memoryCapacity);
  const usedCores = Float64Array.from(a.states, (s) => s.usedCores);
  const usedMemory = Float64Array.from(a.states, (s) => s.usedMemory);
  const placed = Float64Array.from(a.states, (s) => s.placedCount);
  for (const unit of order) {
    const { cores, memory } = unit.demand;
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let h = 0; h < n; h++) {
      const cpu = capCores[h]! > 0 ? (usedCores[h]! + cores) / capCores[h]! : 1;
      const mem = capMemory[h]! > 0 ? (usedMemory[h]! + memory) / capMemory[h]! : 1;
      const score = Math.max(cpu, mem) + 1e-9 * placed[h]!;
      if (score >= bestScore || !a.canPlace(unit, h)) continue;
      best = h;
      bestScore = score;
    }
    if (best < 0) {
      left.push(unit);
      continue;
    }
    a.place(unit, best);
    usedCores[best]! += cores;
    usedMemory[best]! += memory;
    placed[best]! += 1;
  }
  return left;
}

function utilisationAfter(a: Assignment, unit: Unit, h: number): number {
  const s = a.states[h]!;
  const cpu = s.cpuCapacity > 0 ? (s.usedCores + unit.demand.cores) / s.cpuCapacity : 1;
  const mem = s.memoryCapacity > 0 ? (s.usedMemory + unit.demand.memory) / s.memoryCapacity : 1;
  return Math.max(cpu, mem) + 1e-9 * s.placedCount;
}

/**
 * Places `unit` by first moving one placed unit out of the way: for a host g where evicting v lets `unit`
 * in, v must fit some other host. `forbidden` hosts are neither targets nor refuges.
 */
export function placeWithEjection(
  a: Assignment,
  unit: Unit,
  candidates: readonly number[],
  forbidden: ReadonlySet<number>,
  budget: Budget,
): boolean {
  const units = a.problem.units;
  for (const g of candidates) {
    if (forbidden.has(g) || a.hostUnits[g]!.size === 0) continue;
    if (outOfBudget(budget)) return false;
    budget.iterations++;
    for (const vIndex of [...a.hostUnits[g]!]) {
      if (outOfBudget(budget)) return false;
      const v = units[vIndex]!;
      a.unplace(v);
      if (a.canPlace(unit, g)) {
        a.place(unit, g);
        const refuge = candidates.find((k) => k !== g && !forbidden.has(k) && a.canPlace(v, k));
        if (refuge !== undefined) {
          a.place(v, refuge);
          return true;
        }
        a.unplace(unit);
      }
      a.place(v, g);
    }
  }
  return false;
}

/**
 * Pack improvement: try to empty the least-loaded used host by moving its units onto the other used hosts
 * (best fit, then one ejection); keep the move only when the host empties. Stops at a local optimum.
 */
export function improvePack(a: Assignment, lowerBound: number, budget: Budget): void {
  const units = a.problem.units;
  const tried = new Set<number>();
  for (;;) {
    if (a.usedHostCount() <= lowerBound || outOfBudget(budget)) return;
    const used = a.hosts.map((_, h) => h).filter((h) => a.hostUnits[h]!.size > 0);
    const victim = used
      .filter((h) => !tried.has(h))
      .sort((x, y) => a.states[x]!.utilisation() - a.states[y]!.utilisation() || x - y)[0];
    if (victim === undefined) return;
    tried.add(victim);
    const targets = used.filter((h) => h !== victim);
    const journal: { unit: Unit; from: number }[] = [];
    const forbidden = new Set([victim]);
    let emptied = true;
    const moving = [...a.hostUnits[victim]!].map((i) => units[i]!).sort((x, y) => y.weight - x.weight);
    for (const unit of moving) {
      budget.iterations++;
      a.unplace(unit);
      journal.push({ unit, from: victim });
      const target = bestFitTarget(a, unit, targets);
      if (target >= 0) a.place(unit, target);
      else if (!placeWithEjection(a, unit, targets, forbidden, budget)) {
        emptied = false;
        break;
      }
    }
    if (emptied) {
      tried.clear();
      continue;
    }
    // Roll back: put every unit that left the victim back (the ejection moves among targets may stay).
    for (const { unit } of journal) {
      if (a.unitHost[unit.index]! >= 0) a.unplace(unit);
    }
    for (const { unit, from } of journal) a.place(unit, from);
  }
}

/** The allowed target left fullest (smallest remaining core+memory fraction) after the unit lands. */
function bestFitTarget(a: Assignment, unit: Unit, targets: readonly number[]): number {
  let best = -1;
  let bestSlack = Number.POSITIVE_INFINITY;
  for (const h of targets) {
    if (!a.canPlace(unit, h)) continue;
    const s = a.states[h]!;
    const slack =
      (s.cpuCapacity - s.usedCores - unit.demand.cores) / Math.max(s.cpuCapacity, 1e-9) +
      (s.memoryCapacity - s.usedMemory - unit.demand.memory) / Math.max(s.memoryCapacity, 1e-9);
    if (slack < bestSlack) {
      bestSlack = slack;
      best = h;
    }
  }
  return best;
}

/** Spread improvement: move units off the most utilised host while that lowers the maximum. */
export function improveSpread(a: Assignment, budget: Budget): void {
  const units = a.problem.units;
  for (;;) {
    if (outOfBudget(budget)) return;
    let top = -1;
    for (let h = 0; h < a.hosts.length; h++) {
      if (a.hostUnits[h]!.size > 0 && (top < 0 || a.states[h]!.utilisation() > a.states[top]!.utilisation()))
        top = h;
    }
    if (top < 0) return;
    const peak = a.states[top]!.utilisation();
    let moved = false;
    for (const uIndex of [...a.hostUnits[top]!]) {
      budget.iterations++;
      const unit = units[uIndex]!;
      a.unplace(unit);
      let best = -1;
      let bestScore = peak - 1e-12;
      for (let h = 0; h < a.hosts.length; h++) {
        if (h === top) continue;
        const score = utilisationAfter(a, unit, h);
        if (score < bestScore && a.canPlace(unit, h)) {
          best = h;
          bestScore = score;
        }
      }
      if (best >= 0 && a.states[top]!.utilisation() < peak) {
        a.place(unit, best);
        moved = true;
        break;
      }
      a.place(unit, top);
    }
    if (!moved) return;
  }
}
