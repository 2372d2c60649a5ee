import { JujuAbortError, JujuTransportError, JujuTryAgainError } from '@edgekit/juju-client';
import { MaasConnectionError, MaasHttpError, MaasTimeoutError } from '@edgekit/maas-client';
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a reconciling phase, re-running it after transient failures (bounded, with backoff). */
export async function resilient<T>(
  phase: string,
  runner: StepRunner,
  work: () => Promise<T>,
  options: { attempts: number; backoffMs: number; signal?: AbortSignal },
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
      await sleep(options.backoffMs * 2 ** (attempt - 1));
    }
  }
}
