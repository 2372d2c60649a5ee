import { z } from 'zod';
import { type LowerBound, lowerBound } from './bounds.js';
import { fromZodIssues, placementError } from './errors.js';
import { decreasingOrder, firstFit, runGreedyPortfolio, type SizeMeasure, unitWeights } from './greedy.js';
import { createRng } from './rng.js';
import { improveByEmptyingBins } from './search.js';
import { buildInstance } from './vectors.js';

const finiteNonNegative = z.number().finite().nonnegative();

export const PackVectorsInputSchema = z.object({
  binCapacity: z.array(finiteNonNegative).min(1, 'give at least one dimension'),
  items: z.array(z.array(finiteNonNegative)),
  conflicts: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).optional(),
  /** Wall-clock cap for the improvement search; the greedies and bounds always run. Default 1000 ms. */
  timeLimitMs: z.number().nonnegative().optional(),
  /** Deterministic effort cap (tabu iterations). With it, and a time limit that is not reached, the answer depends on the seed only. */
  maxIterations: z.number().int().nonnegative().optional(),
  seed: z.number().int().optional(),
});

export type PackVectorsInput = z.input<typeof PackVectorsInputSchema>;

export interface PackVectorsStats {
  /** Bins of every constructive heuristic, in the order run. */
  greedy: { name: string; bins: number }[];
  bestGreedy: string;
  greedyBins: number;
  /** Bins the search removed after the best greedy. */
  improvedBy: number;
  iterations: number;
  attempts: number;
  stoppedBy: 'bound' | 'time' | 'iterations' | 'greedy';
  timeMs: number;
  /** (bins - bound) / bound; 0 when proven optimal. */
  gap: number;
  /** Per dimension: total size / (bins x capacity). */
  utilisation: number[];
  /** The dimension with the highest utilisation. */
  bindingDimension: number;
}

export interface PackVectorsResult {
  /** Item indices per bin, each bin sorted ascending. */
  bins: number[][];
  lowerBound: LowerBound;
  provenOptimal: boolean;
  stats: PackVectorsStats;
}

const DEFAULT_TIME_LIMIT_MS = 1000;

/**
 * Packs d-dimensional items into the fewest identical bins: a portfolio of greedies (FFD by several size
 * measures, best fit, bin-centric dot product and norm greedy), the best kept, then a bin-emptying search
 * until the lower bound (L1, Martello-Toth L2 per dimension, incompatibility clique) is met or the budget
 * runs out. Items listed as a conflict pair never share a bin.
 */
export function packVectors(input: PackVectorsInput): PackVectorsResult {
  const started = performance.now();
  const parsed = PackVectorsInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues('packVectors input', parsed.error.issues);
  const { binCapacity, items, conflicts = [], seed = 1 } = parsed.data;
  validateShapes(binCapacity, items, conflicts);

  const inst = buildInstance(binCapacity, items, conflicts);
  const bound = lowerBound(inst, binCapacity);
  const timeLimit = parsed.data.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  // Greedies may use up to half the time limit; the search gets the rest.
  const greedy = runGreedyPortfolio(inst, () => performance.now() - started < timeLimit / 2);
  let bestIndex = 0;
  for (let g = 1; g < greedy.length; g++) {
    if (greedy[g]!.packing.binCount < greedy[bestIndex]!.packing.binCount) bestIndex = g;
  }
  const winner = greedy[bestIndex]!;
  let bins = winner.packing.snapshot();
  let iterations = 0;
  let attempts = 0;
  let stoppedBy: PackVectorsStats['stoppedBy'] = 'greedy';
  if (bins.length > bound.value) {
    const outcome = improveByEmptyingBins(
      inst,
      bins,
      bound.value,
      {
        deadline: started + timeLimit,
        maxIterations: parsed.data.maxIterations ?? Number.POSITIVE_INFINITY,
        now: () => performance.now(),
      },
      createRng(seed),
    );
    bins = outcome.bins;
    iterations = outcome.iterations;
    attempts = outcome.attempts;
    stoppedBy = outcome.stoppedBy;
  } else stoppedBy = 'bound';

  const utilisation = binCapacity.map((c, k) => {
    let total = 0;
    for (let i = 0; i < inst.n; i++) total += inst.w[i * inst.d + k]!;
    return bins.length > 0 && c > 0 ? total / (bins.length * c) : 0;
  });
  let bindingDimension = 0;
  utilisation.forEach((value, k) => {
    if (value > utilisation[bindingDimension]!) bindingDimension = k;
  });
  return {
    bins,
    lowerBound: bound,
    provenOptimal: bins.length === bound.value,
    stats: {
      greedy: greedy.map((g) => ({ name: g.name, bins: g.packing.binCount })),
      bestGreedy: winner.name,
      greedyBins: winner.packing.binCount,
      improvedBy: winner.packing.binCount - bins.length,
      iterations,
      attempts,
      stoppedBy,
      timeMs: performance.now() - started,
      gap: bound.value > 0 ? (bins.length - bound.value) / bound.value : 0,
      utilisation,
      bindingDimension,
    },
  };
}

function validateShapes(
  capacity: readonly number[],
  items: readonly (readonly number[])[],
  conflicts: readonly (readonly [number, number])[],
): void {
  const d = capacity.length;
  items.forEach((row, i) => {
    if (row.length !== d) {
      throw placementError(
        'dimension-mismatch',
        `item ${i} has ${row.length} sizes but the bins have ${d} dimensions`,
        `items.${i}`,
        `Give every item exactly ${d} sizes, in the order of binCapacity.`,
      );
    }
    row.forEach((size, k) => {
      if (size > capacity[k]!) {
        throw placementError(
          'item-too-large',
          `item ${i} needs ${size} in dimension ${k} but a bin holds ${capacity[k]}`,
          `items.${i}.${k}`,
          'Shrink the item or use bigger bins: an item larger than a bin can never be packed.',
        );
      }
    });
  });
  conflicts.forEach(([a, b], c) => {
    if (a >= items.length || b >= items.length || a === b) {
      throw placementError(
        'bad-conflict',
        `conflict ${c} names items ${a} and ${b}, but there are ${items.length} items`,
        `conflicts.${c}`,
        'A conflict pairs two different item indices from 0 to items.length - 1.',
      );
    }
  });
}

/**
 * Plain first-fit decreasing by one size measure (unit weights): the classic baseline the benchmarks compare
 * against. Same input checks as packVectors; no search.
 */
export function firstFitDecreasing(
  input: Pick<PackVectorsInput, 'binCapacity' | 'items' | 'conflicts'>,
  measure: SizeMeasure = 'l2',
): number[][] {
  const parsed = PackVectorsInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues('firstFitDecreasing input', parsed.error.issues);
  const { binCapacity, items, conflicts = [] } = parsed.data;
  validateShapes(binCapacity, items, conflicts);
  const inst = buildInstance(binCapacity, items, conflicts);
  return firstFit(inst, decreasingOrder(inst, measure, unitWeights(inst.d))).snapshot();
}
