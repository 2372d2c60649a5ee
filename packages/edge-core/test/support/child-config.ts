import { createInterface } from 'node:readline';

/**
 * The start of every crash-test child (apply-child.ts, upgrade-child.ts): say "ready" once the modules
 * are loaded, then read the run as one JSON line on stdin — never argv, so credentials stay out of
 * process lists, and the test can start the next child while the current run is going.
 */
export async function readyThenReadConfig<T>(): Promise<T> {
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  const first = await lines[Symbol.asyncIterator]().next();
  lines.close();
  return JSON.parse((first.value as string | undefined) ?? '{}') as T;
}
