import { sleep } from '@edgekit/common';
import { JujuAbortError, JujuTransportError, JujuTryAgainError } from '@edgekit/juju-client';
import { MaasConnectionError, MaasHttpError, MaasTimeoutError } from '@edgekit/maas-client';
import type { StepRunner } from './runner.js';
import { errorText } from './runner.js';

/**
 * Failures that say nothing about the state of the world: a dropped socket, a timeout, a busy server.
 * They reach apply only after the SDK below has spent its own retries (docs/retry-budget.md).
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof JujuAbortError) return false;
  if (error instanceof JujuTransportError || error instanceof JujuTryAgainError) return true;
  if (error instanceof MaasConnectionError || error instanceof MaasTimeoutError) return true;
  if (error instanceof MaasHttpError) return error.status >= 500 || error.retryAfterSeconds !== undefined;
  return false;
}

/** Apply's one retry budget: how often a phase is run again after a transient failure. */
export interface RetryOptions {
  /** Runs of a phase in all (the first included). */
  attempts: number;
  /** Back-off before the second run, doubling after each run, at most 20 times this. */
  backoffMs: number;
  /** Longest Retry-After (MAAS 409/503) waited out before running a phase again. */
  maxRetryAfterMs: number;
  signal?: AbortSignal;
}

/** Exponential backoff capped at 20 steps' worth, stretched to any Retry-After MAAS sent (capped too). */
function delayFor(error: unknown, attempt: number, options: RetryOptions): number {
  const backoff = Math.min(options.backoffMs * 2 ** (attempt - 1), options.backoffMs * 20);
  const asked =
    error instanceof MaasHttpError && error.retryAfterSeconds !== undefined
      ? error.retryAfterSeconds * 1000
      : 0;
  return Math.max(backoff, Math.min(asked, options.maxRetryAfterMs));
}

/**
 * Runs a reconciling phase, and runs it again from the top after a transient failure: every step of a
 * phase looks at the live state before acting, so a second run does only what the first did not. This
 * is the only retry loop in apply; the steps inside a phase never retry a call themselves.
 */
export async function resilient<T>(
  phase: string,
  runner: StepRunner,
  work: () => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      options.signal?.throwIfAborted();
      if (!isTransient(error) || attempt >= options.attempts) throw error;
      runner.emit({
        type: 'reconcile',
        step: phase,
        detail: `transient failure, re-running the phase (${errorText(error)})`,
      });
      await sleep(delayFor(error, attempt, options), options.signal);
    }
  }
}
