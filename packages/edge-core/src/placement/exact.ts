import { placementError } from './errors.js';
import { loadLpSolver } from './highs-adapter.js';
import { type PackVectorsInput, type PackVectorsResult, packVectors } from './pack-vectors.js';

export interface ExactOptions {
  /** HiGHS wall-clock limit in ms (default 10 000). */
  exactTimeLimitMs?: number;
  /** Refuse models with more items than this (default 60): the assignment MIP grows as n^2. */
  maxItems?: number;
}

export type ExactOutcome = 'optimal' | 'heuristic-was-optimal' | 'time-limit' | 'too-large';

/**
 * The heuristic, then, unless it already meets its lower bound, an exact proof or improvement with HiGHS:
 * the assignment model (x_ij item i in bin j, y_j bin j open) over as many bins as the heuristic used, with
 * the usual symmetry breaking (item i only in bins 0..i, bins opened in order). For small instances only.
 */
export async function packVectorsExact(
  input: PackVectorsInput,
  options: ExactOptions = {},
): Promise<PackVectorsResult & { exact: ExactOutcome }> {
  const heuristic = packVectors(input);
  if (heuristic.provenOptimal) return { ...heuristic, exact: 'heuristic-was-optimal' };
  const n = input.items.length;
  if (n > (options.maxItems ?? 60)) return { ...heuristic, exact: 'too-large' };
  const solver = await loadLpSolver();
  const lp = assignmentModel(input, heuristic.bins.length, heuristic.lowerBound.value);
  const solution = solver.solve(lp, {
    time_limit: (options.exactTimeLimitMs ?? 10_000) / 1000,
    output_flag: false,
    mip_rel_gap: 0,
  });
  if (solution.Status === 'Time limit reached') return { ...heuristic, exact: 'time-limit' };
  if (solution.Status !== 'Optimal') {
    throw placementError(
      'exact-solver-failed',
      `HiGHS ended with status "${solution.Status}" on a model that has a known solution`,
      'items',
      'Retry without the exact mode; the heuristic answer stands.',
    );
  }
  const bins: number[][] = Array.from({ length: heuristic.bins.length }, () => []);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= Math.min(i, bins.length - 1); j++) {
      if ((solution.Columns[`x_${i}_${j}`]?.Primal ?? 0) > 0.5) bins[j]!.push(i);
    }
  }
  const packed = bins.filter((bin) => bin.length > 0);
  const value = packed.length;
  return {
    ...heuristic,
    bins: packed,
    lowerBound: { value, rule: 'exact', detail: 'HiGHS proved the assignment model optimal' },
    provenOptimal: true,
    stats: { ...heuristic.stats, gap: 0 },
    exact: 'optimal',
  };
}

function assignmentModel(input: PackVectorsInput, binCount: number, lowerBound: number): string {
  const n = input.items.length;
  const d = input.binCapacity.length;
  const rows: string[] = [];
  const binaries: string[] = [];
  const bins = Array.from({ length: binCount }, (_, j) => j);
  for (const j of bins) binaries.push(`y_${j}`);
  for (let i = 0; i < n; i++) {
    const terms = bins.filter((j) => j <= i).map((j) => `x_${i}_${j}`);
    binaries.push(...terms);
    rows.push(` a_${i}: ${terms.join(' + ')} = 1`);
  }
  for (const j of bins) {
    for (let k = 0; k < d; k++) {
      const terms: string[] = [];
      for (let i = j; i < n; i++) {
        const size = input.items[i]![k]!;
        if (size !== 0) terms.push(`${size} x_${i}_${j}`);
      }
      if (terms.length > 0)
        rows.push(` c_${j}_${k}: ${terms.join(' + ')} - ${input.binCapacity[k]} y_${j} <= 0`);
    }
    if (j > 0) rows.push(` o_${j}: y_${j} - y_${j - 1} <= 0`);
  }
  (input.conflicts ?? []).forEach(([a, b], c) => {
    for (const j of bins) {
      if (j <= a && j <= b) rows.push(` k_${c}_${j}: x_${a}_${j} + x_${b}_${j} - y_${j} <= 0`);
    }
  });
  rows.push(` lb: ${bins.map((j) => `y_${j}`).join(' + ')} >= ${lowerBound}`);
  return [
    'Minimize',
    ` obj: ${bins.map((j) => `y_${j}`).join(' + ')}`,
    'Subject To',
    ...rows,
    'Binary',
    ` ${binaries.join(' ')}`,
    'End',
  ].join('\n');
}
