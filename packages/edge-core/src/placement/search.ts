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
  const stallLimit = 200 + 20 * inst.n;
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
      const move = bestSwap(packing, pool, weight, tabu, iterations, rng);
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
  const { d, w, cap } = packing.inst;
  pool.sort((a, b) => weight[b]! - weight[a]! || a - b);
  for (let p = 0; p < pool.length; ) {
    const i = pool[p]!;
    let target = -1;
    let bestSlack = Number.POSITIVE_INFINITY;
    for (let b = 0; b < packing.binCount; b++) {
      if (!packing.fits(i, b)) continue;
      const load = packing.loads[b]!;
      let slack = 0;
      for (let k = 0; k < d; k++) slack += (cap[k]! - load[k]! - w[i * d + k]!) / cap[k]!;
      if (slack < bestSlack) {
        bestSlack = slack;
        target = b;
      }
    }
    if (target >= 0) {
      packing.add(i, target);
      pool.splice(p, 1);
    } else p++;
  }
}

interface Swap {
  item: number;
  bin: number;
  evicted: number[];
}

/**
 * The non-tabu move "pool item p into bin b, evicting one or two of b's items" that lowers the pool weight
 * most (or raises it least); ties broken at random. Tabu: an item evicted from a bin may not return to it
 * for a few iterations.
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
  for (const p of pool) {
    for (let b = 0; b < m; b++) {
      if (tabu[p * m + b]! > iteration) continue;
      const load = packing.loads[b]!;
      // need_k: how much must leave bin b for p to fit in dimension k
      for (let k = 0; k < d; k++) need[k] = load[k]! + w[p * d + k]! - cap[k]!;
      const items = packing.bins[b]!;
      const blockers = packing.inst.hasConflicts ? conflictingIn(packing, p, b) : null;
      if (blockers && blockers.length > 2) continue;
      for (let x = 0; x < items.length; x++) {
        const ix = items[x]!;
        if (!blockers || blockers.length === 0 || (blockers.length === 1 && blockers[0] === ix)) {
          if (covers(need, w, ix, -1, d)) {
            const score = weight[ix]! - weight[p]! + rng.next() * 1e-9;
            if (score < bestScore) {
              bestScore = score;
              best = { item: p, bin: b, evicted: [ix] };
            }
          }
        }
        for (let y = x + 1; y < items.length; y++) {
          const iy = items[y]!;
          if (blockers && !blockers.every((c) => c === ix || c === iy)) continue;
          if (!covers(need, w, ix, iy, d)) continue;
          const score = weight[ix]! + weight[iy]! - weight[p]! + rng.next() * 1e-9;
          if (score < bestScore) {
            bestScore = score;
            best = { item: p, bin: b, evicted: [ix, iy] };
          }
        }
      }
    }
  }
  return best;
}

/** True when removing items a (and b, when >= 0) frees at least `need` in every dimension. */
function covers(need: Float64Array, w: Float64Array, a: number, b: number, d: number): boolean {
  for (let k = 0; k < d; k++) {
    const freed = w[a * d + k]! + (b >= 0 ? w[b * d + k]! : 0);
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
  pool.splice(pool.indexOf(move.item), 1);
  packing.add(move.item, move.bin);
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
