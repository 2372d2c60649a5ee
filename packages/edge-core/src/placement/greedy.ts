import { Packing, type VectorInstance } from './vectors.js';

/** Size measures for item-centric sorting (docs/placement.md §4), over weighted normalised sizes. */
export type SizeMeasure = 'sum' | 'max' | 'l2' | 'prod';

export interface GreedyResult {
  name: string;
  packing: Packing;
}

/** Mean normalised demand per dimension ("Avg" weights of Mommessin et al.): scarcer dimensions weigh more. */
export function averageWeights(inst: VectorInstance): Float64Array {
  const weights = new Float64Array(inst.d);
  for (let i = 0; i < inst.n; i++) for (let k = 0; k < inst.d; k++) weights[k]! += inst.u[i * inst.d + k]!;
  for (let k = 0; k < inst.d; k++) weights[k] = inst.n > 0 ? weights[k]! / inst.n : 1;
  return weights;
}

export function unitWeights(d: number): Float64Array {
  return new Float64Array(d).fill(1);
}

export function itemSize(
  inst: VectorInstance,
  i: number,
  measure: SizeMeasure,
  weights: Float64Array,
): number {
  const { d, u } = inst;
  let acc = measure === 'prod' ? 1 : 0;
  for (let k = 0; k < d; k++) {
    const x = u[i * d + k]! * weights[k]!;
    if (measure === 'sum') acc += x;
    else if (measure === 'max') acc = Math.max(acc, x);
    else if (measure === 'l2') acc += x * x;
    else acc *= x;
  }
  return acc;
}

/** Items by decreasing size; ties by index so the order is deterministic. */
export function decreasingOrder(inst: VectorInstance, measure: SizeMeasure, weights: Float64Array): number[] {
  const sizes = new Float64Array(inst.n);
  for (let i = 0; i < inst.n; i++) sizes[i] = itemSize(inst, i, measure, weights);
  return Array.from({ length: inst.n }, (_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
}

/** First fit over the given order: each item goes into the lowest-numbered bin it fits. */
export function firstFit(inst: VectorInstance, order: readonly number[]): Packing {
  const packing = new Packing(inst);
  for (const i of order) {
    let target = -1;
    for (let b = 0; b < packing.binCount; b++) {
      if (packing.fits(i, b)) {
        target = b;
        break;
      }
    }
    packing.add(i, target >= 0 ? target : packing.openBin());
  }
  return packing;
}

/** Best fit over the given order: the bin left with the least weighted normalised slack. */
export function bestFit(inst: VectorInstance, order: readonly number[], weights: Float64Array): Packing {
  const packing = new Packing(inst);
  for (const i of order) {
    const target = packing.bestFitBin(i, weights);
    packing.add(i, target >= 0 ? target : packing.openBin());
  }
  return packing;
}

/**
 * Bin-centric greedy (Panigrahy et al.): fill one bin at a time with the fitting item that scores best against
 * the bin's normalised residual r: dot product sum a_k u_k r_k (max), or L2 norm ||r - u|| (min).
 */
export function binCentric(inst: VectorInstance, rule: 'dot' | 'norm', weights: Float64Array): Packing {
  const packing = new Packing(inst);
  const { d, u, cap } = inst;
  const remaining = Array.from({ length: inst.n }, (_, i) => i);
  const residual = new Float64Array(d);
  while (remaining.length > 0) {
    const b = packing.openBin();
    residual.fill(1);
    for (;;) {
      let pick = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let r = 0; r < remaining.length; r++) {
        const i = remaining[r]!;
        if (!packing.fits(i, b)) continue;
        let score = 0;
        for (let k = 0; k < d; k++) {
          const x = u[i * d + k]!;
          if (rule === 'dot') score += weights[k]! * x * residual[k]!;
          else {
            const gap = residual[k]! - x;
            score -= weights[k]! * gap * gap;
          }
        }
        if (score > bestScore) {
          bestScore = score;
          pick = r;
        }
      }
      if (pick < 0) break;
      const i = remaining[pick]!;
      remaining[pick] = remaining[remaining.length - 1]!;
      remaining.pop();
      packing.add(i, b);
      const load = packing.loads[b]!;
      for (let k = 0; k < d; k++) residual[k] = cap[k]! > 0 ? 1 - load[k]! / cap[k]! : 0;
    }
  }
  return packing;
}

/** Above this many items the O(n^2) bin-centric greedies are skipped; the FFD family stays. */
const BIN_CENTRIC_LIMIT = 3000;

/**
 * The constructive heuristics of the portfolio, most useful first: FFD-L2 (the baseline, always run), the
 * bin-centric dot product (the best single greedy measured in placement.md §4), then the other measures.
 * `mayContinue` is asked before each further heuristic, so a tight time limit on a huge instance leaves
 * time for the search instead of running every greedy.
 */
export function runGreedyPortfolio(
  inst: VectorInstance,
  mayContinue: () => boolean = () => true,
): GreedyResult[] {
  const unit = unitWeights(inst.d);
  const avg = averageWeights(inst);
  const binCentricOk = inst.n <= BIN_CENTRIC_LIMIT;
  const plan: { name: string; run: () => Packing; when: boolean }[] = [
    { name: 'FFD-l2', run: () => firstFit(inst, decreasingOrder(inst, 'l2', unit)), when: true },
    { name: 'DotProduct', run: () => binCentric(inst, 'dot', unit), when: binCentricOk },
    { name: 'FFD-max', run: () => firstFit(inst, decreasingOrder(inst, 'max', unit)), when: true },
    { name: 'FFD-sum', run: () => firstFit(inst, decreasingOrder(inst, 'sum', unit)), when: true },
    { name: 'FFD-l2-avg', run: () => firstFit(inst, decreasingOrder(inst, 'l2', avg)), when: true },
    { name: 'BFD-l2-avg', run: () => bestFit(inst, decreasingOrder(inst, 'l2', avg), avg), when: true },
    { name: 'DotProduct-avg', run: () => binCentric(inst, 'dot', avg), when: binCentricOk },
    { name: 'NormGreedy', run: () => binCentric(inst, 'norm', unit), when: binCentricOk },
    { name: 'FFD-prod', run: () => firstFit(inst, decreasingOrder(inst, 'prod', unit)), when: true },
  ];
  const results: GreedyResult[] = [];
  for (const step of plan) {
    if (!step.when) continue;
    if (results.length > 0 && !mayContinue()) break;
    results.push({ name: step.name, packing: step.run() });
  }
  return results;
}
