// The `highs` package ships a CommonJS-flavoured d.ts whose default export is not callable under
// NodeNext resolution (stack.md B.6). This adapter is the one place that touches it: a typed loader
// for the small slice of the API the exact mode uses.
import highsLoader from 'highs';

export interface LpColumn {
  Primal: number;
}

export interface LpSolution {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, LpColumn>;
}

export interface LpSolver {
  /** Solves a model written in CPLEX LP format. */
  solve(lp: string, options?: Readonly<Record<string, string | number | boolean>>): LpSolution;
}

let loading: Promise<LpSolver> | null = null;

/** Loads the HiGHS WebAssembly runtime once per process. */
export function loadLpSolver(): Promise<LpSolver> {
  loading ??= (highsLoader as unknown as () => Promise<LpSolver>)();
  return loading;
}
