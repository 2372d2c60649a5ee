import { JujuAbortError, JujuTransportError, JujuTryAgainError } from '@edgekit/juju-client';
import { MaasConnectionError, MaasHttpError, MaasTimeoutError } from '@edgekit/maas-client';
import { sleep } from './parallel.js';
import type { StepRunner } from './runner.js';
import { errorText } from './runner.js';

/**
 * Failures that say nothing about the state of the world: a dropped socket, a timeout, a busy server.
 * A phase that hits one is run again from the top, and every step of it looks at the live state
 * before acting, so nothing is done twice.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof JujuAbortError) return false;
  if (error instanceof JujuTransportError || error instanceof JujuTryAgainError) return true;
  if (error instanceof MaasConnectionError || error instanceof MaasTimeoutError) return true;
  if (error instanceof MaasHttpError) return error.status >= 500 || error.retryAfterSeconds !== undefined;
  return false;
}

export interface RetryOptions {
  attempts: number;
  backoffMs: number;
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
 * Repeats one call after transient failures. Only for calls that are safe to repeat as they are:
 * reads, or writes whose `work` re-checks the live state before acting.
 */
export async function retryTransient<T>(
  work: (attempt: number) => Promise<T>,
  options: RetryOptions,
  onRetry?: (error: unknown) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      options.signal?.throwIfAborted();
      if (!isTransient(error) || attempt >= options.attempts) throw error;
      onRetry?.(error);
      await sleep(delayFor(error, attempt, options));
    }
  }
}

/** Runs a reconciling phase, re-running it after transient failures (bounded, with backoff). */
export function resilient<T>(
  phase: string,
  runner: StepRunner,
  work: () => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  return retryTransient(work, options, (error) =>
    runner.emit({
      type: 'reconcile',
      step: phase,
      detail: `transient failure, re-running the phase (${errorText(error)})`,
    }),
  );
}
