/**
 * The harness of every `test/*.fuzz.test.ts`: how many cases and which seed (10,000 and a fixed seed in
 * `pnpm test`; `pnpm fuzz` sets FUZZ_RUNS=100000), and the property every parser must keep: it returns
 * a value or throws one of its package's typed errors, on one line, within a second.
 */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): { numRuns: number; seed: number } {
  return {
    numRuns: Number(env.FUZZ_RUNS ?? 10_000),
    seed: env.FUZZ_SEED ? Number(env.FUZZ_SEED) : 20261205,
  };
}

export type Outcome<T> = { value: T } | { error: Error };

export function typedOutcome<T>(
  run: () => T,
  isTyped: (error: unknown) => boolean,
  limitMs = 1000,
): Outcome<T> {
  const started = performance.now();
  let result: Outcome<T>;
  try {
    result = { value: run() };
  } catch (error) {
    if (!isTyped(error)) throw error;
    const message = (error as Error).message;
    if (message === '' || message.includes('\n'))
      throw new Error(`not a one-line message: ${JSON.stringify(message)}`);
    result = { error: error as Error };
  }
  const took = performance.now() - started;
  if (took > limitMs) throw new Error(`one case took ${Math.round(took)} ms (limit ${limitMs} ms)`);
  return result;
}
