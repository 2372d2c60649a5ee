import type { ApplyEvent, ApplyEventListener, RequestDescription } from './events.js';
import type { Journal } from './journal.js';

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Runs a journalled procedure (apply, upgrade, drain, heal) so that the journal's last record says how
 * it ended: the `status` the work returns, or `failed: <error>` when it throws. The journal is closed
 * either way, so a resume opens it afresh.
 */
export async function runJournalled<T>(
  journal: Journal | undefined,
  work: () => Promise<{ value: T; status: string }>,
): Promise<T> {
  try {
    const { value, status } = await work();
    journal?.append({ kind: 'end', status });
    return value;
  } catch (error) {
    journal?.append({ kind: 'end', status: `failed: ${errorText(error)}` });
    throw error;
  } finally {
    journal?.close();
  }
}

/**
 * Runs mutating calls the one safe way: announce the request, and (unless dry-running) journal the
 * intent to disk before the call and the outcome after it. In a dry run the call is never made.
 */
export class StepRunner {
  constructor(
    readonly journal: Journal | undefined,
    private readonly listener: ApplyEventListener,
    readonly dryRun: boolean,
  ) {}

  emit(event: ApplyEvent): void {
    this.listener(event);
  }

  /**
   * The first half of `mutate`, for a call made elsewhere (juju-client's bundle executor calls back
   * here): announce the request and, unless dry-running, journal the intent before it is made.
   */
  announce(step: string, request: RequestDescription): void {
    this.emit({ type: 'request', step, request, dryRun: this.dryRun });
    if (!this.dryRun) this.journal?.intent(step, request);
  }

  /** The second half: journal how an announced call ended. */
  settle(step: string, outcome: { ok: true; result?: unknown } | { ok: false; error: unknown }): void {
    if (this.dryRun) return;
    this.journal?.outcome(
      step,
      outcome.ok,
      outcome.ok ? { result: outcome.result } : { error: errorText(outcome.error) },
    );
  }

  async mutate<T>(
    step: string,
    request: RequestDescription,
    call: () => Promise<T>,
    summarize: (result: T) => unknown = () => undefined,
  ): Promise<T | undefined> {
    this.announce(step, request);
    if (this.dryRun) return undefined;
    try {
      const result = await call();
      this.settle(step, { ok: true, result: summarize(result) });
      return result;
    } catch (error) {
      this.settle(step, { ok: false, error });
      throw error;
    }
  }
}

/** `POST /MAAS/api/2.0/<path>?op=<op>`: how dry runs and journals name MAAS requests. */
export function maasCall(method: 'POST' | 'PUT' | 'DELETE', path: string, op?: string): string {
  return `${method} /MAAS/api/2.0/${path}${op === undefined ? '' : `?op=${op}`}`;
}
