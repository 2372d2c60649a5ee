import { ceilTolerant, type LowerBound } from './bounds.js';
import type { LpModel, LpSolver } from './highs-adapter.js';
import { type ItemType, itemTypes, type Pattern, priceBestPatterns } from './pricing.js';
import type { VectorInstance } from './vectors.js';

export interface LpBoundBudget {
  /** Absolute time (same clock as `now`) after which the column generation returns what it has. */
  deadline: number;
  now: () => number;
  /** Deterministic cap on master solves (default unlimited). */
  maxIterations?: number;
}

export interface LpBoundOutcome {
  /** ceil of a proven lower bound on the LP optimum (rule 'LP'), or null when none was proven. */
  bound: LowerBound | null;
  /** The LP optimum, when column generation converged. */
  lpValue: number | null;
  converged: boolean;
  stoppedBy: 'converged' | 'target' | 'no-gain' | 'time' | 'iterations' | 'solver';
  iterations: number;
  types: ItemType[];
  /** Every column of the master (the start packing's bins, then the priced ones). */
  columns: Pattern[];
  /**
   * The last optimal master's duals (per type) and their value sum(count x dual), or null when no master
   * solve finished: every column of the pool then has reduced cost 1 - sum(copies x dual) >= 0.
   */
  lastDuals: { duals: Float64Array; value: number } | null;
  /** Time spent pricing and in the master LP. */
  pricingMs: number;
  masterMs: number;
}

/** Nodes per pricing call: enough for a few thousand items per bin choice, small enough to stay responsive. */
const PRICING_NODE_LIMIT = 200_000;
const COLUMNS_PER_ROUND = 30;

/**
 * Lower bound from the LP relaxation of the set-cover model (one column per bin pattern, each item type
 * covered `count` times) by column generation: HiGHS solves the restricted master, a branch and bound
 * prices the multi-dimensional knapsack exactly when it can. Every round yields a proven bound (Farley):
 * the master's duals, scaled by the best pattern value when it exceeds 1, are feasible for the LP's dual,
 * so sum(count x dual) / max(1, best pattern value) <= LP optimum <= optimum. Rounded up with a tolerance.
 * Stops at convergence, when the bound reaches `target` (the answer in hand), when pricing finds only
 * columns the master already has, or at the budget. The columns and the last duals are returned for the
 * MIP over them (price and branch).
 */
export function columnGenerationBound(
  inst: VectorInstance,
  start: readonly (readonly number[])[],
  target: number,
  solver: LpSolver,
  budget: LpBoundBudget,
): LpBoundOutcome {
  const types = itemTypes(inst);
  const typeOf = new Int32Array(inst.n);
  types.forEach((type, t) => {
    for (const i of type.members) typeOf[i] = t;
  });
  const columns: Pattern[] = [];
  const seen = new Set<string>();
  const model = solver.createModel();
  let pricingMs = 0;
  let masterMs = 0;
  let lastDuals: LpBoundOutcome['lastDuals'] = null;
  const outcome = (
    bound: LowerBound | null,
    lpValue: number | null,
    stoppedBy: LpBoundOutcome['stoppedBy'],
    iterations: number,
  ): LpBoundOutcome => ({
    bound,
    lpValue,
    converged: stoppedBy === 'converged',
    stoppedBy,
    iterations,
    types,
    columns,
    lastDuals,
    pricingMs,
    masterMs,
  });
  try {
    // Primal simplex (strategy 4): added columns keep the last basis primal feasible, so each re-solve
    // starts where the previous one ended (measured: half the master time of the default choice).
    model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex', simplex_strategy: 4 });
    for (const type of types) model.addRow(type.count, solver.infinity, { indices: [], values: [] });
    const addColumn = (pattern: Pattern): boolean => {
      const key = pattern.map((x) => `${x.type}x${x.copies}`).join(' ');
      if (seen.has(key)) return false;
      seen.add(key);
      columns.push(pattern);
      addPatternColumn(model, solver, pattern);
      return true;
    };
    for (const bin of start) {
      const counts = new Map<number, number>();
      for (const i of bin) counts.set(typeOf[i]!, (counts.get(typeOf[i]!) ?? 0) + 1);
      addColumn([...counts].map(([type, copies]) => ({ type, copies })).sort((a, b) => a.type - b.type));
    }
    let best: LowerBound | null = null;
    let iterations = 0;
    const duals = new Float64Array(types.length);
    for (;;) {
      if (budget.now() >= budget.deadline) return outcome(best, null, 'time', iterations);
      if (iterations >= (budget.maxIterations ?? Number.POSITIVE_INFINITY))
        return outcome(best, null, 'iterations', iterations);
      iterations++;
      // HiGHS's clock runs across solves of one model: restart it so the limit is this solve's share.
      model.zeroAllClocks();
      if (Number.isFinite(budget.deadline))
        model.options.set({ time_limit: Math.max(0.001, (budget.deadline - budget.now()) / 1000) });
      const t1 = budget.now();
      model.run();
      masterMs += budget.now() - t1;
      if (model.getModelStatus() !== solver.constants.modelStatus.optimal)
        return outcome(best, null, 'solver', iterations);
      const z = model.getObjectiveValue();
      const rowDual = model.getSolution().rowDual;
      let dualValue = 0;
      for (let t = 0; t < types.length; t++) {
        duals[t] = Math.max(0, rowDual[t] ?? 0);
        dualValue += types[t]!.count * duals[t]!;
      }
      lastDuals = { duals: Float64Array.from(duals), value: dualValue };
      const t0 = budget.now();
      const priced = priceBestPatterns(inst, types, duals, {
        nodeLimit: PRICING_NODE_LIMIT,
        maxPatterns: COLUMNS_PER_ROUND,
        threshold: 1 + 1e-6,
        deadline: budget.deadline,
        now: budget.now,
      });
      pricingMs += budget.now() - t0;
      const scale = Math.max(1, priced.upper);
      // LP duals carry solver tolerances (1e-7 relative): dust below that is not a reason to round up.
      const proven = ceilTolerant(dualValue / scale, 1e-7);
      if (best === null || proven > best.value) {
        best = {
          value: proven,
          rule: 'LP',
          detail: `column generation, LP value at least ${(dualValue / scale).toFixed(3)}`,
        };
      }
      if (priced.exact && priced.value <= 1 + 1e-6) {
        best = {
          value: Math.max(proven, best.value),
          rule: 'LP',
          detail: `set-cover LP relaxation ${z.toFixed(3)}, rounded up`,
        };
        return outcome(best, z, 'converged', iterations);
      }
      if (best.value >= target) return outcome(best, null, 'target', iterations);
      // (Once ceil(z) <= best the bound cannot rise any more, but the generation goes on: the MIP over the
      // columns needs the LP's own to find a better packing.)
      let added = 0;
      for (const { pattern } of priced.patterns) if (addColumn(pattern)) added++;
      if (added === 0) return outcome(best, null, 'no-gain', iterations);
    }
  } finally {
    model.dispose();
  }
}

/** One set-cover column: a bin holding `copies` items of each listed type. */
export function addPatternColumn(model: LpModel, solver: LpSolver, pattern: Pattern): void {
  model.addCol(1, 0, solver.infinity, {
    indices: pattern.map((x) => x.type),
    values: pattern.map((x) => x.copies),
  });
}
