import * as z from 'zod';
import { bestBound, combinatorialBounds, type LowerBound } from './bounds.js';
import { packFromColumns } from './column-mip.js';
import { fromZodIssues, placementError } from './errors.js';
import { decreasingOrder, firstFit, runGreedyPortfolio, type SizeMeasure, unitWeights } from './greedy.js';
import type { LpSolver } from './highs-adapter.js';
import { columnGenerationBound, type LpBoundOutcome } from './lp-bound.js';
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

/** What the LP bound's column generation (and the MIP over its columns) did. */
export interface LpStats {
  stoppedBy: LpBoundOutcome['stoppedBy'];
  /** Master LP solves. */
  iterations: number;
  /** The LP optimum, when column generation converged. */
  lpValue: number | null;
  timeMs: number;
  /** Bins of the packing the MIP over the LP's columns found, when it beat the search. */
  columnPackingBins: number | null;
}

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
  /** Every bound computed, each with its rule (the best is `lowerBound`). */
  bounds: LowerBound[];
  /** The column generation, when it ran: how it stopped, rounds, and the LP value when it converged. */
  lp: LpStats | null;
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
/** Above this many items the LP bound is not tried: its master and pricing would eat the whole budget. */
const LP_ITEM_LIMIT = 2000;

export interface PackVectorsTools {
  /**
   * HiGHS (from `loadLpSolver()`): with it, when the search does not meet the combinatorial bound, the LP
   * relaxation of the set-cover model is computed by column generation to certify (or bound) the answer.
   */
  lpSolver?: LpSolver;
}

/**
 * Packs d-dimensional items into the fewest identical bins: a portfolio of greedies (FFD by several size
 * measures, best fit, bin-centric dot product and norm greedy), the best kept, then a bin-emptying search
 * until the lower bound (L1, Martello-Toth L2 per dimension, incompatibility clique) is met or the budget
 * runs out. Items listed as a conflict pair never share a bin.
 */
export function packVectors(input: PackVectorsInput, tools: PackVectorsTools = {}): PackVectorsResult {
  const started = performance.now();
  const parsed = PackVectorsInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues('packVectors input', parsed.error.issues);
  const { binCapacity, items, conflicts = [], seed = 1 } = parsed.data;
  validateShapes(binCapacity, items, conflicts);

  const inst = buildInstance(binCapacity, items, conflicts);
  const bounds = combinatorialBounds(inst, binCapacity);
  let bound = bestBound(bounds);
  const timeLimit = parsed.data.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const maxIterations = parsed.data.maxIterations ?? Number.POSITIVE_INFINITY;
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
  let stoppedBy: PackVectorsStats['stoppedBy'] = bins.length > bound.value ? 'greedy' : 'bound';
  const rng = createRng(seed);
  const search = (deadline: number): void => {
    if (bins.length <= bound.value) {
      stoppedBy = 'bound';
      return;
    }
    const outcome = improveByEmptyingBins(
      inst,
      bins,
      bound.value,
      { deadline, maxIterations: maxIterations - iterations, now: () => performance.now() },
      rng,
    );
    bins = outcome.bins;
    iterations += outcome.iterations;
    attempts += outcome.attempts;
    stoppedBy = outcome.stoppedBy;
  };
  let lp: PackVectorsStats['lp'] = null;
  const lpSolver = tools.lpSolver;
  if (lpSolver && inst.n <= LP_ITEM_LIMIT) {
    // The search first gets a slice on its own (on the benchmark, 99 % of the instances the search alone
    // closes meet the combinatorial bound within a fifth of a second), then the LP bound may certify the
    // answer or show the gap is real, then a MIP over the LP's columns, then the search has the rest.
    const elapsed = performance.now() - started;
    const rest = Math.max(0, timeLimit - elapsed);
    const at = (share: number): number => started + elapsed + rest * share;
    search(at(0.2));
    if (bins.length > bound.value) {
      const lpStarted = performance.now();
      const outcome = columnGenerationBound(inst, bins, bins.length, lpSolver, {
        deadline: at(0.75),
        now: () => performance.now(),
      });
      const stats: LpStats = {
        stoppedBy: outcome.stoppedBy,
        iterations: outcome.iterations,
        lpValue: outcome.lpValue,
        timeMs: performance.now() - lpStarted,
        columnPackingBins: null,
      };
      lp = stats;
      if (outcome.bound) {
        bounds.push(outcome.bound);
        bound = bestBound([bound, outcome.bound]);
      }
      // Still a gap: the LP's columns may hold a better packing (price and branch).
      if (bins.length > bound.value) {
        const better = packFromColumns(
          outcome.types,
          outcome.columns,
          outcome.lastDuals,
          bins.length,
          bound.value,
          lpSolver,
          at(0.95) - performance.now(),
        );
        if (better) {
          stats.columnPackingBins = better.length;
          bins = better;
        }
      }
    }
  }
  search(started + timeLimit);

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
      bounds,
      lp,
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
