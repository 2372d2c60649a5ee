import type { VectorInstance } from './vectors.js';

/** Items of identical sizes (and no conflicts), priced together: a pattern takes 0..count of them. */
export interface ItemType {
  /** Item indices of this type. */
  members: number[];
  count: number;
  /** Size per dimension. */
  size: Float64Array;
  /** Sum over dimensions of size / capacity. */
  norm: number;
}

/** A bin's content as (type, copies) pairs. */
export type Pattern = { type: number; copies: number }[];

export interface PricingOutcome {
  /** Largest dual value of any pattern found above the threshold, else the threshold. */
  value: number;
  /** True when the search finished, so `value` is the maximum. */
  exact: boolean;
  /** An upper bound on the maximum (`value` when exact: nothing beats the threshold if nothing was found). */
  upper: number;
  /** Patterns worth more than the threshold, best first. */
  patterns: { pattern: Pattern; value: number }[];
}

/** Groups identical items into types; with conflicts every item is its own type (conflicts are per item). */
export function itemTypes(inst: VectorInstance): ItemType[] {
  const { n, d, w, cap } = inst;
  const byKey = new Map<string, ItemType>();
  const types: ItemType[] = [];
  for (let i = 0; i < n; i++) {
    const size = w.slice(i * d, i * d + d);
    const key = inst.hasConflicts ? `#${i}` : Array.from(size).join(',');
    const known = byKey.get(key);
    if (known) {
      known.members.push(i);
      known.count++;
      continue;
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += cap[k]! > 0 ? size[k]! / cap[k]! : 0;
    const type: ItemType = { members: [i], count: 1, size, norm };
    byKey.set(key, type);
    types.push(type);
  }
  return types;
}

export interface PricingOptions {
  /** Search nodes before giving up exactness. */
  nodeLimit: number;
  /** Keep at most this many patterns. */
  maxPatterns: number;
  /** Only patterns worth more than this are columns worth adding (1: the reduced cost is negative). */
  threshold: number;
  /** Give up exactness at this time (checked every 1024 nodes). */
  deadline?: number;
  now?: () => number;
}

/**
 * Multi-dimensional bounded knapsack: the pattern of largest total dual value that fits one bin (and, with
 * conflicts, holds no conflicting pair). Depth-first branch and bound over types in decreasing dual value
 * per summed normalised size; the bound is the fractional knapsack on the surrogate constraint (capacities
 * summed over normalised dimensions), which no feasible pattern can beat.
 */
export function priceBestPatterns(
  inst: VectorInstance,
  types: readonly ItemType[],
  duals: Float64Array,
  options: PricingOptions,
): PricingOutcome {
  const { d, cap } = inst;
  const order = types
    .map((_, t) => t)
    .filter((t) => duals[t]! > 1e-12)
    .sort((a, b) => {
      const ra = duals[a]! / Math.max(types[a]!.norm, 1e-12);
      const rb = duals[b]! / Math.max(types[b]!.norm, 1e-12);
      return rb - ra || a - b;
    });
  const m = order.length;
  const rem = Float64Array.from(cap);
  const copies = new Int32Array(m);
  const chosen = new Uint8Array(inst.n);
  // Only patterns above the threshold matter: starting the incumbent there prunes every subtree that cannot
  // beat it, which is most of the tree once the LP is nearly optimal (many patterns worth exactly 1).
  let best = options.threshold;
  let nodes = 0;
  let aborted = false;
  const found = new Map<string, { pattern: Pattern; value: number }>();

  // Surrogate constraints: each weight vector over the normalised dimensions gives a one-constraint
  // relaxation whose fractional knapsack bounds the pattern value; the smallest bound is used.
  const weightings: Float64Array[] = [];
  for (let k = 0; k < d; k++) weightings.push(Float64Array.from({ length: d }, (_, j) => (j === k ? 1 : 0)));
  if (d > 1) weightings.push(new Float64Array(d).fill(1));
  if (d === 2)
    weightings.push(
      Float64Array.of(2, 1),
      Float64Array.of(1, 2),
      Float64Array.of(4, 1),
      Float64Array.of(1, 4),
    );
  const position = new Int32Array(types.length).fill(-1);
  order.forEach((t, p) => {
    position[t] = p;
  });
  const surrogates = weightings.map((lambda) => {
    const sizeOf = new Float64Array(types.length);
    for (const t of order) {
      let s = 0;
      for (let k = 0; k < d; k++) if (cap[k]! > 0) s += (lambda[k]! * types[t]!.size[k]!) / cap[k]!;
      sizeOf[t] = s;
    }
    const byRatio = [...order].sort(
      (a, b) => duals[b]! / Math.max(sizeOf[b]!, 1e-12) - duals[a]! / Math.max(sizeOf[a]!, 1e-12) || a - b,
    );
    return { lambda, sizeOf, byRatio };
  });
  const fractionalBound = (from: number, limit: number): number => {
    let tightest = Number.POSITIVE_INFINITY;
    for (const { lambda, sizeOf, byRatio } of surrogates) {
      let room = 0;
      for (let k = 0; k < d; k++) if (cap[k]! > 0) room += (lambda[k]! * rem[k]!) / cap[k]!;
      let bound = 0;
      for (let r = 0; r < byRatio.length; r++) {
        const t = byRatio[r]!;
        if (position[t]! < from) continue;
        const size = sizeOf[t]!;
        const count = types[t]!.count - copies[position[t]!]!;
        const take = size <= 1e-15 ? count : Math.min(count, room / size);
        bound += take * duals[t]!;
        room -= take * size;
        if (room <= 1e-15) break;
      }
      if (bound < tightest) tightest = bound;
      if (tightest <= limit) break;
    }
    return tightest;
  };
  const record = (value: number): void => {
    if (value <= options.threshold) return;
    const pattern: Pattern = [];
    for (let p = 0; p < m; p++) if (copies[p]! > 0) pattern.push({ type: order[p]!, copies: copies[p]! });
    pattern.sort((x, y) => x.type - y.type);
    const key = pattern.map((x) => `${x.type}x${x.copies}`).join(' ');
    if (found.has(key)) return;
    found.set(key, { pattern, value });
    if (found.size > options.maxPatterns * 4) trim();
  };
  const trim = (): void => {
    const kept = [...found.entries()].sort((a, b) => b[1].value - a[1].value).slice(0, options.maxPatterns);
    found.clear();
    for (const [key, entry] of kept) found.set(key, entry);
  };
  const fitsOneMore = (p: number): boolean => {
    const t = order[p]!;
    const type = types[t]!;
    if (copies[p]! >= type.count) return false;
    for (let k = 0; k < d; k++) if (type.size[k]! > rem[k]!) return false;
    if (inst.hasConflicts) {
      for (const j of inst.conflicts[type.members[0]!]!) if (chosen[j]) return false;
    }
    return true;
  };
  const rootBound = fractionalBound(0, Number.NEGATIVE_INFINITY);
  const pastDeadline = (): boolean =>
    options.deadline !== undefined && options.now !== undefined && options.now() >= options.deadline;

  // Each node is a feasible pattern; its children add one copy of a type at or after the last one added,
  // so every multiset is met once. The bound from position q never grows with q, so the first child whose
  // bound cannot beat the best ends the loop.
  const dive = (from: number, value: number): void => {
    if (++nodes > options.nodeLimit || ((nodes & 1023) === 0 && pastDeadline())) {
      aborted = true;
      return;
    }
    if (value > best) best = value;
    record(value);
    for (let q = from; q < m && !aborted; q++) {
      if (!fitsOneMore(q)) continue;
      const t = order[q]!;
      if (value + fractionalBound(q, best - value + 1e-12) <= best + 1e-12) break;
      const type = types[t]!;
      copies[q]!++;
      for (let k = 0; k < d; k++) rem[k]! -= type.size[k]!;
      if (inst.hasConflicts) chosen[type.members[0]!] = 1;
      dive(q, value + duals[t]!);
      if (inst.hasConflicts) chosen[type.members[0]!] = 0;
      for (let k = 0; k < d; k++) rem[k]! += type.size[k]!;
      copies[q]!--;
    }
  };
  dive(0, 0);
  const patterns = [...found.values()].sort((a, b) => b.value - a.value).slice(0, options.maxPatterns);
  return {
    value: best,
    exact: !aborted,
    upper: aborted ? Math.max(best, rootBound) : best,
    patterns,
  };
}
