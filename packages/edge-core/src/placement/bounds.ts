import type { VectorInstance } from './vectors.js';

/** Which rule produced a lower bound (docs/placement.md §3). */
export type LowerBoundRule = 'L1' | 'L2' | 'clique' | 'anti-affinity' | 'exact' | 'empty';

export interface LowerBound {
  value: number;
  rule: LowerBoundRule;
  /** Human detail, e.g. the dimension that gave L1/L2. */
  detail: string;
}

/** ceil that ignores floating-point dust just above an integer. */
function ceilTolerant(x: number): number {
  return Math.ceil(x - 1e-9);
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

/** The best of L1, L2 and the clique bound; ties keep the cheapest rule's name. */
export function lowerBound(inst: VectorInstance, capacity: readonly number[]): LowerBound {
  if (inst.n === 0) return { value: 0, rule: 'empty', detail: 'no items' };
  let best = boundL1(inst, capacity);
  for (const candidate of [boundL2(inst, capacity), boundClique(inst)]) {
    if (candidate.value > best.value) best = candidate;
  }
  return best;
}
