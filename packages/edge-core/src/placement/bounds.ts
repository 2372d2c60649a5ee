import type { VectorInstance } from './vectors.js';

/** Which rule produced a lower bound (docs/placement.md §3). */
export type LowerBoundRule =
  | 'L1'
  | 'L2'
  | 'clique'
  | 'cardinality'
  | 'LP'
  | 'anti-affinity'
  | 'pins'
  | 'N-1'
  | 'exact'
  | 'empty';

export interface LowerBound {
  value: number;
  rule: LowerBoundRule;
  /** Human detail, e.g. the dimension that gave L1/L2. */
  detail: string;
}

/** ceil that ignores floating-point dust just above an integer (`relative` of the value, at least absolute). */
export function ceilTolerant(x: number, relative = 1e-9): number {
  return Math.ceil(x - relative * Math.max(1, Math.abs(x)));
}

/** Continuous bound: max over dimensions of ceil(sum of sizes / capacity). */
export function boundL1(inst: VectorInstance, capacity: readonly number[]): LowerBound {
  let best: LowerBound = { value: inst.n > 0 ? 1 : 0, rule: 'L1', detail: 'at least one bin' };
  for (let k = 0; k < inst.d; k++) {
    let sum = 0;
    for (let i = 0; i < inst.n; i++) sum += inst.w[i * inst.d + k]!;
    const c = capacity[k]!;
    const value = c > 0 ? ceilTolerant(sum / c) : 0;
    if (value > best.value) best = { value, rule: 'L1', detail: `dimension ${k}` };
  }
  return best;
}

/**
 * Martello-Toth L2 on one dimension: for each threshold q in [0, C/2], items above C-q need a bin each,
 * items in (C/2, C-q] too, and the items in [q, C/2] need whatever room the middle ones leave.
 */
export function boundL2Dimension(sizes: readonly number[], capacity: number): number {
  if (sizes.length === 0 || capacity <= 0) return 0;
  const a = [...sizes].sort((x, y) => x - y);
  const n = a.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + a[i]!;
  // first index with a[idx] > v (upper bound) / >= v (lower bound)
  const upper = (v: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! > v) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const lower = (v: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! >= v) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const half = capacity / 2;
  const aboveHalf = upper(half);
  const candidates = new Set<number>([0]);
  for (let i = 0; i < aboveHalf; i++) candidates.add(a[i]!);
  let best = 0;
  for (const q of candidates) {
    const j1Start = upper(capacity - q);
    const j1 = n - j1Start;
    const j2 = j1Start - aboveHalf;
    const j2Sum = prefix[j1Start]! - prefix[aboveHalf]!;
    const j3Start = lower(q);
    const j3Sum = prefix[aboveHalf]! - prefix[j3Start]!;
    const spill = j3Sum - (j2 * capacity - j2Sum);
    const value = j1 + j2 + Math.max(0, ceilTolerant(spill / capacity));
    if (value > best) best = value;
  }
  return best;
}

export function boundL2(inst: VectorInstance, capacity: readonly number[]): LowerBound {
  let best: LowerBound = { value: 0, rule: 'L2', detail: '' };
  for (let k = 0; k < inst.d; k++) {
    const sizes: number[] = new Array(inst.n);
    for (let i = 0; i < inst.n; i++) sizes[i] = inst.w[i * inst.d + k]!;
    const value = boundL2Dimension(sizes, capacity[k]!);
    if (value > best.value) best = { value, rule: 'L2', detail: `dimension ${k}` };
  }
  return best;
}

/** Largest candidate set the clique search looks at; beyond it the O(c^2) scan would cost more than it wins. */
const CLIQUE_CANDIDATE_CAP = 3000;

/**
 * Incompatibility clique: items that pairwise cannot share a bin (too big together in some dimension, or a
 * listed conflict) each need their own bin. Greedy (Johnson) from two orders, the larger clique kept.
 */
export function boundClique(inst: VectorInstance): LowerBound {
  const { n, d, u } = inst;
  if (n === 0) return { value: 0, rule: 'clique', detail: '' };
  const maxU = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let k = 0; k < d; k++) m = Math.max(m, u[i * d + k]!);
    maxU[i] = m;
  }
  // Two items both at most half of every dimension are compatible by size, so a clique holds at most one
  // such item unless conflicts join them: candidates are big items plus conflict endpoints plus the largest.
  const candidates: number[] = [];
  let largestSmall = -1;
  for (let i = 0; i < n; i++) {
    if (maxU[i]! > 0.5 || inst.conflicts[i]!.length > 0) candidates.push(i);
    else if (largestSmall < 0 || maxU[i]! > maxU[largestSmall]!) largestSmall = i;
  }
  if (largestSmall >= 0) candidates.push(largestSmall);
  candidates.sort((x, y) => maxU[y]! - maxU[x]!);
  if (candidates.length > CLIQUE_CANDIDATE_CAP) candidates.length = CLIQUE_CANDIDATE_CAP;
  const conflictSets = inst.hasConflicts ? inst.conflicts.map((list) => new Set(list)) : [];
  const incompatible = (i: number, j: number): boolean => {
    for (let k = 0; k < d; k++) if (u[i * d + k]! + u[j * d + k]! > 1 + 1e-12) return true;
    return inst.hasConflicts && conflictSets[i]!.has(j);
  };
  const grow = (order: readonly number[]): number[] => {
    const clique: number[] = [];
    for (const i of order) if (clique.every((j) => incompatible(i, j))) clique.push(i);
    return clique;
  };
  let best = grow(candidates);
  if (candidates.length <= 600) {
    const degree = new Map<number, number>();
    for (const i of candidates) {
      let deg = 0;
      for (const j of candidates) if (i !== j && incompatible(i, j)) deg++;
      degree.set(i, deg);
    }
    const byDegree = [...candidates].sort((x, y) => degree.get(y)! - degree.get(x)!);
    const other = grow(byDegree);
    if (other.length > best.length) best = other;
  }
  return { value: best.length, rule: 'clique', detail: `${best.length} pairwise incompatible items` };
}

/**
 * Most items of the K largest (by one measure) that one bin can hold is at most m(K), the largest m whose m
 * smallest members of that subset still fit by the measure; so those K items need ceil(K / m(K)) bins.
 * `sizes` are normalised sizes, `room` the normalised capacity (1 for one dimension, d summed over all).
 * m(K) never decreases with K (the K-th item is the smallest yet), so one pass with prefix sums finds all.
 */
export function cardinalityBound(
  sizes: readonly number[],
  room: number,
): { value: number; k: number; m: number } {
  const s = [...sizes].sort((x, y) => y - x);
  const n = s.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + s[i]!;
  let best = { value: n > 0 ? 1 : 0, k: n, m: n };
  let m = 0;
  for (let k = 1; k <= n; k++) {
    // the m smallest of the first k items are positions k-m .. k-1
    while (m < k && prefix[k]! - prefix[k - m - 1]! <= room + 1e-9) m++;
    if (m === 0) continue; // an item larger than the room (cannot happen for valid input)
    const value = Math.ceil(k / m - 1e-9);
    if (value > best.value) best = { value, k, m };
  }
  return best;
}

/**
 * Cardinality: how many items can share a bin at most, per dimension and summed over dimensions (e.g. items
 * each above a third of the capacity summed over dimensions: at most two per bin), applied to the K largest
 * items for every K.
 */
export function boundCardinality(inst: VectorInstance): LowerBound {
  const { n, d, u } = inst;
  let best: LowerBound = { value: n > 0 ? 1 : 0, rule: 'cardinality', detail: 'at least one bin' };
  const measures: { label: string; room: number; size: (i: number) => number }[] = [];
  for (let k = 0; k < d; k++) measures.push({ label: `dimension ${k}`, room: 1, size: (i) => u[i * d + k]! });
  if (d > 1) {
    measures.push({
      label: 'summed over dimensions',
      room: d,
      size: (i) => {
        let t = 0;
        for (let k = 0; k < d; k++) t += u[i * d + k]!;
        return t;
      },
    });
  }
  for (const measure of measures) {
    const sizes = Array.from({ length: n }, (_, i) => measure.size(i));
    const { value, k, m } = cardinalityBound(sizes, measure.room);
    if (value > best.value) {
      best = {
        value,
        rule: 'cardinality',
        detail: `at most ${m} of the ${k} largest items share a bin (${measure.label})`,
      };
    }
  }
  return best;
}

/** Every combinatorial bound with its rule, cheapest first. */
export function combinatorialBounds(inst: VectorInstance, capacity: readonly number[]): LowerBound[] {
  if (inst.n === 0) return [{ value: 0, rule: 'empty', detail: 'no items' }];
  return [boundL1(inst, capacity), boundL2(inst, capacity), boundClique(inst), boundCardinality(inst)];
}

/** The largest bound; ties keep the earlier (cheaper) rule's name. */
export function bestBound(bounds: readonly LowerBound[]): LowerBound {
  let best = bounds[0]!;
  for (const candidate of bounds) if (candidate.value > best.value) best = candidate;
  return best;
}

/** The best of L1, L2, the clique and the cardinality bounds; ties keep the cheapest rule's name. */
export function lowerBound(inst: VectorInstance, capacity: readonly number[]): LowerBound {
  return bestBound(combinatorialBounds(inst, capacity));
}
