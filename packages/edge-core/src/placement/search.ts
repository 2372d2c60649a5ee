import { unitWeights } from './greedy.js';
import type { Rng } from './rng.js';
import { Packing, type VectorInstance } from './vectors.js';

export interface SearchBudget {
  /** Absolute time (ms, same clock as `now`) after which the search returns what it has. */
  deadline: number;
  /** Deterministic effort cap: total tabu iterations over all attempts. */
  maxIterations: number;
  now: () => number;
}

export interface SearchOutcome {
  bins: number[][];
  iterations: number;
  attempts: number;
  binsRemoved: number;
  stoppedBy: 'bound' | 'time' | 'iterations';
}

/**
 * Large neighbourhood search that empties bins (after the consistent neighbourhood search of Buljubašić and
 * Vasquez for bin packing): from a packing with m bins, delete one bin, put its items in a pool, and run a
 * tabu search whose moves insert a pool item into a bin while evicting at most two smaller items (by a
 * weighted normalised size), until the pool is empty (m-1 bins reached, try again) or the attempt stalls
 * (restart from the best packing with another bin deleted). Hard constraints are never relaxed: every
 * intermediate bin is feasible; only the pool holds items that are not placed.
 */
export function improveByEmptyingBins(
  inst: VectorInstance,
  start: readonly (readonly number[])[],
  lowerBound: number,
  budget: SearchBudget,
  rng: Rng,
): SearchOutcome {
  const weight = itemWeights(inst);
  let best = start.map((items) => [...items]);
  let iterations = 0;
  let attempts = 0;
  let binsRemoved = 0;
  // Measured on the benchmark subsets: restarting sooner (5n, not 20n) found slightly fewer bins.
  const stallLimit = 200 + 5 * inst.n;
  const outOfBudget = (): 'time' | 'iterations' | null =>
    iterations >= budget.maxIterations ? 'iterations' : budget.now() >= budget.deadline ? 'time' : null;

  while (best.length > lowerBound) {
    const stop = outOfBudget();
    if (stop) return { bins: best, iterations, attempts, binsRemoved, stoppedBy: stop };
    attempts++;
    const packing = Packing.fromBins(inst, best);
    const victim = chooseBinToEmpty(packing, weight, attempts, rng);
    const pool = [...packing.bins[victim]!];
    for (const i of pool) packing.remove(i);
    packing.compact();
    const tabu = new Int32Array(inst.n * packing.binCount);
    let poolWeight = sumWeights(pool, weight);
    let bestPoolWeight = poolWeight;
    let stall = 0;
    for (;;) {
      insertDirectly(packing, pool, weight);
      if (pool.length === 0) break;
      if (stall > stallLimit || outOfBudget()) break;
      iterations++;
      let move = bestSwap(packing, pool, weight, tabu, iterations, rng);
      if (!move || move.score >= 0) {
        // No move shrinks the pool: first gather the scattered free room into fewer bins, then look again.
        if (consolidate(packing, rng)) {
          insertDirectly(packing, pool, weight);
          if (pool.length === 0) break;
          move = bestSwap(packing, pool, weight, tabu, iterations, rng);
        }
      }
      if (move) {
        applySwap(packing, pool, move);
        const tenure = 3 + rng.int(8);
        for (const x of move.evicted) tabu[x * packing.binCount + move.bin] = iterations + tenure;
      } else {
        kick(packing, pool, rng);
      }
      poolWeight = sumWeights(pool, weight);
      if (poolWeight < bestPoolWeight - 1e-12) {
        bestPoolWeight = poolWeight;
        stall = 0;
      } else stall++;
    }
    if (pool.length === 0) {
      best = packing.snapshot();
      binsRemoved++;
    }
  }
  return { bins: best, iterations, attempts, binsRemoved, stoppedBy: 'bound' };
}

/** Normalised size weighted by how tight each dimension is overall, so scarce dimensions dominate. */
function itemWeights(inst: VectorInstance): Float64Array {
  const { n, d, u } = inst;
  const totals = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) totals[k]! += u[i * d + k]!;
  const top = Math.max(...totals, 1e-12);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += (totals[k]! / top) * u[i * d + k]!;
    weight[i] = s;
  }
  return weight;
}

function sumWeights(items: readonly number[], weight: Float64Array): number {
  let s = 0;
  for (const i of items) s += weight[i]!;
  return s;
}

/** First attempt empties the lightest bin; later attempts pick among the lighter half at random. */
function chooseBinToEmpty(packing: Packing, weight: Float64Array, attempt: number, rng: Rng): number {
  const order = packing.bins
    .map((items, b) => ({ b, w: sumWeights(items, weight) + 1e-9 * items.length }))
    .sort((x, y) => x.w - y.w || x.b - y.b);
  if (attempt === 1) return order[0]!.b;
  const span = Math.max(1, Math.ceil(order.length / 2));
  return order[rng.int(span)]!.b;
}

/** Puts pool items (heaviest first) into the bin they fill best, as long as any fits without eviction. */
function insertDirectly(packing: Packing, pool: number[], weight: Float64Array): void {
  const unit = unitWeights(packing.inst.d);
  pool.sort((a, b) => weight[b]! - weight[a]! || a - b);
  for (let p = 0; p < pool.length; ) {
    const target = packing.bestFitBin(pool[p]!, unit);
    if (target >= 0) {
      packing.add(pool[p]!, target);
      pool.splice(p, 1);
    } else p++;
  }
}

interface Swap {
  /** Pool items that enter the bin (one or two). */
  incoming: number[];
  bin: number;
  evicted: number[];
  /** Pool weight change (negative is better). */
  score: number;
}

/**
 * The non-tabu move "one or two pool items into bin b, evicting at most two of b's items" that lowers the
 * pool weight most (or raises it least); ties broken at random. Tabu: an item evicted from a bin may not
 * return to it for a few iterations.
 */
function bestSwap(
  packing: Packing,
  pool: readonly number[],
  weight: Float64Array,
  tabu: Int32Array,
  iteration: number,
  rng: Rng,
): Swap | null {
  const { d, w, cap } = packing.inst;
  const m = packing.binCount;
  const need = new Float64Array(d);
  let best: Swap | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  const consider = (incoming: number[], gain: number): void => {
    for (let b = 0; b < m; b++) {
      if (incoming.some((p) => tabu[p * m + b]! > iteration)) continue;
      const load = packing.loads[b]!;
      // need_k: how much must leave bin b for the incoming items to fit in dimension k
      for (let k = 0; k < d; k++) {
        let extra = 0;
        for (const p of incoming) extra += w[p * d + k]!;
        need[k] = load[k]! + extra - cap[k]!;
      }
      const items = packing.bins[b]!;
      const blockers = packing.inst.hasConflicts
        ? incoming.flatMap((p) => conflictingIn(packing, p, b))
        : null;
      if (blockers && blockers.length > 2) continue;
      const freeOf = (a: number, c: number): boolean =>
        !blockers || blockers.every((x) => x === a || x === c);
      if (incoming.length === 2 && freeOf(-1, -1) && covers(need, w, -1, -1, d)) {
        const score = -gain + rng.next() * 1e-9;
        if (score < bestScore) {
          bestScore = score;
          best = { incoming, bin: b, evicted: [], score };
        }
      }
      for (let x = 0; x < items.length; x++) {
        const ix = items[x]!;
        if (freeOf(ix, -1) && covers(need, w, ix, -1, d)) {
          const score = weight[ix]! - gain + rng.next() * 1e-9;
          if (score < bestScore) {
            bestScore = score;
            best = { incoming, bin: b, evicted: [ix], score };
          }
        }
        for (let y = x + 1; y < items.length; y++) {
          const iy = items[y]!;
          if (!freeOf(ix, iy) || !covers(need, w, ix, iy, d)) continue;
          const score = weight[ix]! + weight[iy]! - gain + rng.next() * 1e-9;
          if (score < bestScore) {
            bestScore = score;
            best = { incoming, bin: b, evicted: [ix, iy], score };
          }
        }
      }
    }
  };
  for (let a = 0; a < pool.length; a++) {
    const p = pool[a]!;
    consider([p], weight[p]!);
    for (let c = a + 1; c < pool.length; c++) {
      const q = pool[c]!;
      if (packing.inst.hasConflicts && packing.inst.conflicts[p]!.includes(q)) continue;
      consider([p, q], weight[p]! + weight[q]!);
    }
  }
  return best;
}

/** True when removing items a and b (each skipped when < 0) frees at least `need` in every dimension. */
function covers(need: Float64Array, w: Float64Array, a: number, b: number, d: number): boolean {
  for (let k = 0; k < d; k++) {
    const freed = (a >= 0 ? w[a * d + k]! : 0) + (b >= 0 ? w[b * d + k]! : 0);
    if (freed < need[k]!) return false;
  }
  return true;
}

function conflictingIn(packing: Packing, p: number, b: number): number[] {
  const out: number[] = [];
  for (const j of packing.inst.conflicts[p]!) if (packing.binOf[j] === b) out.push(j);
  return out;
}

function applySwap(packing: Packing, pool: number[], move: Swap): void {
  for (const x of move.evicted) {
    packing.remove(x);
    pool.push(x);
  }
  for (const p of move.incoming) {
    pool.splice(pool.indexOf(p), 1);
    packing.add(p, move.bin);
  }
}

/** Bins looked at per consolidation call on instances with more bins than this. */
const CONSOLIDATE_SAMPLE = 80;

/**
 * One first-improvement pass of shifts and swaps between bins that raise the sum of squared normalised
 * loads: load moves towards fuller bins, so free room gathers in a few bins where a pool item can land.
 * Returns whether anything moved.
 */
function consolidate(packing: Packing, rng: Rng): boolean {
  const { d, u, w, cap } = packing.inst;
  const m = packing.binCount;
  let moved = false;
  // Pairs of bins grow as m^2: on big instances look at a random sample of bins per call.
  const sample =
    m <= CONSOLIDATE_SAMPLE
      ? Array.from({ length: m }, (_, b) => b)
      : Array.from({ length: CONSOLIDATE_SAMPLE }, () => rng.int(m));
  const offset = rng.int(Math.max(1, sample.length));
  const fill = (b: number, k: number): number => packing.loads[b]![k]! / cap[k]!;
  for (let s = 0; s < sample.length; s++) {
    const a = sample[(s + offset) % sample.length]!;
    for (const b of sample) {
      if (a === b) continue;
      const itemsA = packing.bins[a]!;
      for (let xi = 0; xi < itemsA.length; xi++) {
        const x = itemsA[xi]!;
        // shift x from a to b: gain = sum_k 2 u_x (fill_b - fill_a) + 2 u_x^2
        let gain = 0;
        for (let k = 0; k < d; k++) {
          const ux = u[x * d + k]!;
          gain += 2 * ux * (fill(b, k) - fill(a, k)) + 2 * ux * ux;
        }
        if (gain > 1e-12 && packing.fits(x, b)) {
          packing.remove(x);
          packing.add(x, b);
          moved = true;
          break;
        }
        const itemsB = packing.bins[b]!;
        for (const y of itemsB) {
          // swap: bin a changes by delta = w_y - w_x, bin b by -delta
          let swapGain = 0;
          let feasible = true;
          for (let k = 0; k < d; k++) {
            const delta = w[y * d + k]! - w[x * d + k]!;
            const la = packing.loads[a]![k]!;
            const lb = packing.loads[b]![k]!;
            if (la + delta > cap[k]! || lb - delta > cap[k]!) {
              feasible = false;
              break;
            }
            const du = delta / cap[k]!;
            swapGain += 2 * du * (fill(a, k) - fill(b, k)) + 2 * du * du;
          }
          if (!feasible || swapGain <= 1e-12) continue;
          if (packing.inst.hasConflicts && !swapKeepsConflictsApart(packing, x, y)) continue;
          packing.remove(x);
          packing.remove(y);
          packing.add(x, b);
          packing.add(y, a);
          moved = true;
          break;
        }
        if (moved) break;
      }
      if (moved) break;
    }
    if (moved) break;
  }
  return moved;
}

function swapKeepsConflictsApart(packing: Packing, x: number, y: number): boolean {
  const a = packing.binOf[x]!;
  const b = packing.binOf[y]!;
  for (const j of packing.inst.conflicts[x]!) if (j !== y && packing.binOf[j] === b) return false;
  for (const j of packing.inst.conflicts[y]!) if (j !== x && packing.binOf[j] === a) return false;
  return true;
}

/** No swap exists: force a random pool item into a random bin by evicting random items until it fits. */
function kick(packing: Packing, pool: number[], rng: Rng): void {
  const p = pool[rng.int(pool.length)]!;
  const b = rng.int(packing.binCount);
  while (!packing.fits(p, b) && packing.bins[b]!.length > 0) {
    const items = packing.bins[b]!;
    const x = items[rng.int(items.length)]!;
    packing.remove(x);
    pool.push(x);
  }
  if (packing.fits(p, b)) {
    pool.splice(pool.indexOf(p), 1);
    packing.add(p, b);
  }
}
