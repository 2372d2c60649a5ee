import type { LpSolver } from './highs-adapter.js';
import { addPatternColumn } from './lp-bound.js';
import type { ItemType, Pattern } from './pricing.js';

/**
 * Price and branch: the set-cover model restricted to the columns the LP bound generated, solved as a MIP
 * by HiGHS. On instances whose optimum is a perfect fit of a few items per bin (triplets, Caprara-Toth
 * classes 6 and 7) those columns usually hold an optimal packing the bin-emptying search misses. Returns
 * the packing (item indices per bin) when it has fewer bins than `bins`, else null. Every bin is a
 * sub-multiset of a column, and every column is a feasible bin, so every bin returned is feasible.
 */
export function packFromColumns(
  types: readonly ItemType[],
  pool: readonly Pattern[],
  lastDuals: { duals: Float64Array; value: number } | null,
  bins: number,
  target: number,
  solver: LpSolver,
  timeLimitMs: number,
): number[][] | null {
  // Reduced-cost fixing: with the master's duals d, any cover x has sum(x) >= sum(count x d) + sum(rc x), and
  // every pool column has rc >= 0; so a cover with at most bins - 1 columns uses none whose reduced cost
  // exceeds bins - 1 - sum(count x d). Dropping those shrinks the MIP without losing any better packing.
  const slack = lastDuals ? bins - 1 - lastDuals.value + 1e-6 : Number.POSITIVE_INFINITY;
  const columns = pool.filter((pattern) => {
    if (!lastDuals) return true;
    let value = 0;
    for (const { type, copies } of pattern) value += copies * lastDuals.duals[type]!;
    return 1 - value <= slack;
  });
  if (columns.length === 0 || timeLimitMs <= 0) return null;
  const model = solver.createModel();
  try {
    model.options.set({
      output_flag: false,
      ...(Number.isFinite(timeLimitMs) ? { time_limit: timeLimitMs / 1000 } : {}),
      // stop as soon as the answer meets the lower bound; no need to prove it again
      objective_target: target + 0.5,
      mip_abs_gap: 0.999,
    });
    for (const type of types) model.addRow(type.count, solver.infinity, { indices: [], values: [] });
    columns.forEach((pattern, c) => {
      addPatternColumn(model, solver, pattern);
      model.changeColIntegrality(c, solver.constants.variableType.integer);
    });
    model.run();
    const { colValue } = model.getSolution();
    let used = 0;
    for (let c = 0; c < columns.length; c++) used += Math.round(colValue[c] ?? 0);
    if (used === 0 || used >= bins) return null;
    const left = types.map((type) => [...type.members]);
    const packing: number[][] = [];
    columns.forEach((pattern, c) => {
      for (let copy = Math.round(colValue[c] ?? 0); copy > 0; copy--) {
        const bin: number[] = [];
        for (const { type, copies } of pattern) {
          for (let k = 0; k < copies && left[type]!.length > 0; k++) bin.push(left[type]!.pop()!);
        }
        if (bin.length > 0) packing.push(bin.sort((a, b) => a - b));
      }
    });
    // A solution that does not cover every item (a solver tolerance slip) is not used.
    if (left.some((rest) => rest.length > 0)) return null;
    return packing.length < bins ? packing : null;
  } finally {
    model.dispose();
  }
}
