// The `highs` package ships a CommonJS-flavoured d.ts whose default export is not callable under
// NodeNext resolution (stack.md B.6). This adapter is the one place that touches it: a typed loader
// for the small slice of the API the engine uses (one-shot LP text solves for the exact mode, and a
// persistent model the column generation adds columns to).
import highsLoader from 'highs';

export interface LpColumn {
  Primal: number;
}

export interface LpSolution {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, LpColumn>;
}

export interface SparseEntries {
  indices: readonly number[];
  values: readonly number[];
}

/** A HiGHS model kept in WebAssembly memory between solves (re-solves warm-start from the last basis). */
export interface LpModel {
  options: { set(values: Readonly<Record<string, string | number | boolean>>): unknown };
  addRow(lower: number, upper: number, entries: SparseEntries): unknown;
  addCol(cost: number, lower: number, upper: number, entries: SparseEntries): unknown;
  changeColIntegrality(index: number, type: number): unknown;
  run(): unknown;
  /** Restarts the model's run clock, which `time_limit` is measured against (it spans solves otherwise). */
  zeroAllClocks(): unknown;
  getModelStatus(): number;
  getObjectiveValue(): number;
  getSolution(): { colValue: Float64Array; rowDual: Float64Array };
  dispose(): void;
}

export interface LpSolver {
  /** Solves a model written in CPLEX LP format. */
  solve(lp: string, options?: Readonly<Record<string, string | number | boolean>>): LpSolution;
  createModel(): LpModel;
  readonly infinity: number;
  readonly constants: {
    modelStatus: { optimal: number; timeLimit: number; infeasible: number };
    variableType: { continuous: number; integer: number };
  };
}

let loading: Promise<LpSolver> | null = null;

/** Loads the HiGHS WebAssembly runtime once per process; solves are synchronous after that. */
export function loadLpSolver(): Promise<LpSolver> {
  loading ??= (highsLoader as unknown as () => Promise<LpSolver>)();
  return loading;
}
