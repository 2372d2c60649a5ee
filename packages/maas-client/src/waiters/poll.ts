import { noSecrets, sleep } from '@edgekit/common';
import { createMaasError } from '../errors/factory.js';

export interface WaitOptions<T> {
  /** Give up after this many milliseconds (default 30 minutes: deployments are slow). */
  timeout?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Called with every polled value, e.g. to show the status to a user. */
  onProgress?: ((value: T) => void) | undefined;
  /** First poll interval in ms (default 2000); grows by `backoffFactor` up to `maxIntervalMs`. */
  intervalMs?: number | undefined;
  maxIntervalMs?: number | undefined;
  backoffFactor?: number | undefined;
}

export type PollVerdict = { done: true } | { done: false; failure?: string };

/**
 * Polls `load` until `judge` says done, backing off between polls so a fleet of waiters does not hammer
 * the region. Rejects with `MaasWaitError` on failure or timeout, `MaasAbortError` on the signal.
 */
export async function pollUntil<T>(
  what: string,
  load: (signal: AbortSignal | undefined) => Promise<T>,
  judge: (value: T) => PollVerdict,
  describe: (value: T) => string,
  options: WaitOptions<T> = {},
): Promise<T> {
  const timeout = options.timeout ?? 30 * 60_000;
  const deadline = Date.now() + timeout;
  const factor = options.backoffFactor ?? 1.5;
  const maxInterval = options.maxIntervalMs ?? 30_000;
  let interval = options.intervalMs ?? 2000;
  for (;;) {
    if (options.signal?.aborted) throw createMaasError.abort({ method: 'WAIT', path: what }, noSecrets);
    const value = await load(options.signal);
    options.onProgress?.(value);
    const verdict = judge(value);
    if (verdict.done) return value;
    if (verdict.failure) throw createMaasError.wait(`${what}: ${verdict.failure}`, describe(value));
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw createMaasError.wait(
        `${what}: not reached within ${timeout} ms (last seen: ${describe(value)})`,
        describe(value),
      );
    }
    try {
      await sleep(Math.min(interval, remaining), options.signal);
    } catch {
      throw createMaasError.abort({ method: 'WAIT', path: what }, noSecrets);
    }
    interval = Math.min(maxInterval, interval * factor);
  }
}
