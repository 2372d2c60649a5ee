import type { ApplyEvent, ApplyEventListener, RequestDescription } from './events.js';
import type { Journal } from './journal.js';

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
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

  async mutate<T>(
    step: string,
    request: RequestDescription,
    call: () => Promise<T>,
    summarize: (result: T) => unknown = () => undefined,
  ): Promise<T | undefined> {
    this.emit({ type: 'request', step, request, dryRun: this.dryRun });
    if (this.dryRun) return undefined;
    this.journal?.intent(step, request);
    try {
      const result = await call();
      this.journal?.outcome(step, true, { result: summarize(result) });
      return result;
    } catch (error) {
      this.journal?.outcome(step, false, { error: errorText(error) });
      throw error;
    }
  }
}

/** `POST /MAAS/api/2.0/<path>?op=<op>`: how dry runs and journals name MAAS requests. */
export function maasCall(method: 'POST' | 'PUT' | 'DELETE', path: string, op?: string): string {
  return `${method} /MAAS/api/2.0/${path}${op === undefined ? '' : `?op=${op}`}`;
}
