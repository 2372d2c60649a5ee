import { sleep } from '@edgekit/common';
import { JujuAbortError, JujuTryAgainError } from '../core/errors.js';

/**
 * Juju answers `try again` when it did not apply a call (e.g. excessive contention); Go's client
 * retries every such call with backoff (api/apiclient.go apiCallRetryStrategy: 100 ms doubling to
 * 1.5 s, 10 s in all). Same policy here; `totalMs: 0` turns it off.
 */
export interface TryAgainPolicy {
  firstDelayMs?: number;
  maxDelayMs?: number;
  totalMs?: number;
}

export async function retryTryAgain<T>(
  attempt: () => Promise<T>,
  policy: TryAgainPolicy = {},
  signal?: AbortSignal,
): Promise<T> {
  const total = policy.totalMs ?? 10_000;
  const maxDelay = policy.maxDelayMs ?? 1_500;
  let delay = policy.firstDelayMs ?? 100;
  let waited = 0;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof JujuTryAgainError) || waited + delay > total) throw error;
    }
    await sleep(delay, signal).catch(() => {
      throw new JujuAbortError('aborted while waiting to retry after "try again"');
    });
    waited += delay;
    delay = Math.min(delay * 2, maxDelay);
  }
}
