/**
 * Flat, typed-array form of a vector packing instance: the heuristics and the search run on this, never on
 * the caller's nested arrays, so the hot loops touch contiguous memory only.
 */
export interface VectorInstance {
  readonly n: number;
  readonly d: number;
  /** Capacity per dimension. */
  readonly cap: Float64Array;
  /** Item sizes, row-major: w[i * d + k]. */
  readonly w: Float64Array;
  /** Sizes normalised by capacity: u[i * d + k] = w / cap (1 when cap is 0 and w is 0 is never used). */
  readonly u: Float64Array;
  /** Items that may not share a bin with item i. */
  readonly conflicts: readonly Int32Array[];
  readonly hasConflicts: boolean;
}

/**
 * Slack that absorbs floating-point drift in running load sums (loads go up and down many times in the
 * search). It is below 1e-6 absolute, so integer sizes can never exceed an integer capacity through it.
 */
function withSlack(capacity: number): number {
  return capacity + Math.min(Math.abs(capacity) * 1e-9, 1e-6);
}

export function buildInstance(
  binCapacity: readonly number[],
  items: readonly (readonly number[])[],
  conflicts: readonly (readonly [number, number])[] = [],
): VectorInstance {
  const n = items.length;
  const d = binCapacity.length;
  const cap = new Float64Array(d);
  for (let k = 0; k < d; k++) cap[k] = withSlack(binCapacity[k]!);
  const w = new Float64Array(n * d);
  const u = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = items[i]!;
    for (let k = 0; k < d; k++) {
      const size = row[k]!;
      w[i * d + k] = size;
      const c = binCapacity[k]!;
      u[i * d + k] = c > 0 ? size / c : 0;
    }
  }
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of conflicts) {
    lists[a]!.push(b);
    lists[b]!.push(a);
  }
  return {
    n,
    d,
    cap,
    w,
    u,
    conflicts: lists.map((list) => Int32Array.from(new Set(list))),
    hasConflicts: conflicts.length > 0,
  };
}

/** A (partial) assignment of items to bins with running loads; shared by the greedies and the search. */
export class Packing {
  readonly binOf: Int32Array;
  readonly bins: number[][] = [];
  readonly loads: Float64Array[] = [];

  constructor(readonly inst: VectorInstance) {
    this.binOf = new Int32Array(inst.n).fill(-1);
  }

  get binCount(): number {
    return this.bins.length;
  }

  openBin(): number {
    this.bins.push([]);
    this.loads.push(new Float64Array(this.inst.d));
    return this.bins.length - 1;
  }

  /** True when item i fits into bin b by capacity and conflicts. */
  fits(i: number, b: number): boolean {
    const { d, w, cap } = this.inst;
    const load = this.loads[b]!;
    const base = i * d;
    for (let k = 0; k < d; k++) if (load[k]! + w[base + k]! > cap[k]!) return false;
    return !this.inst.hasConflicts || !this.conflictsWithBin(i, b);
  }

  conflictsWithBin(i: number, b: number): boolean {
    const list = this.inst.conflicts[i]!;
    for (let j = 0; j < list.length; j++) if (this.binOf[list[j]!] === b) return true;
    return false;
  }

  /** The bin item i fits that is left with the least weighted normalised slack, or -1. */
  bestFitBin(i: number, weights: Float64Array): number {
    const { d, u, cap } = this.inst;
    let target = -1;
    let bestSlack = Number.POSITIVE_INFINITY;
    for (let b = 0; b < this.bins.length; b++) {
      if (!this.fits(i, b)) continue;
      const load = this.loads[b]!;
      let slack = 0;
      for (let k = 0; k < d; k++) slack += weights[k]! * (1 - load[k]! / cap[k]! - u[i * d + k]!);
      if (slack < bestSlack) {
        bestSlack = slack;
        target = b;
      }
    }
    return target;
  }

  add(i: number, b: number): void {
    const { d, w } = this.inst;
    const load = this.loads[b]!;
    for (let k = 0; k < d; k++) load[k]! += w[i * d + k]!;
    this.bins[b]!.push(i);
    this.binOf[i] = b;
  }

  remove(i: number): void {
    const b = this.binOf[i]!;
    const { d, w } = this.inst;
    const load = this.loads[b]!;
    for (let k = 0; k < d; k++) load[k]! -= w[i * d + k]!;
    const items = this.bins[b]!;
    const at = items.indexOf(i);
    items[at] = items[items.length - 1]!;
    items.pop();
    this.binOf[i] = -1;
  }

  /** Drops empty bins and renumbers the rest. */
  compact(): void {
    let write = 0;
    for (let b = 0; b < this.bins.length; b++) {
      const items = this.bins[b]!;
      if (items.length === 0) continue;
      this.bins[write] = items;
      this.loads[write] = this.loads[b]!;
      for (const i of items) this.binOf[i] = write;
      write++;
    }
    this.bins.length = write;
    this.loads.length = write;
  }

  snapshot(): number[][] {
    return this.bins.filter((items) => items.length > 0).map((items) => [...items].sort((a, b) => a - b));
  }

  static fromBins(inst: VectorInstance, bins: readonly (readonly number[])[]): Packing {
    const packing = new Packing(inst);
    for (const items of bins) {
      const b = packing.openBin();
      for (const i of items) packing.add(i, b);
    }
    return packing;
  }
}
