import type * as z from 'zod';
import { JujuError, JujuRpcError, JujuValidationError } from '../core/errors.js';
import type { CallOptions } from '../rpc/transport.js';
import type { Error as WireError } from '../schemas/generated.js';

/** A decoded reply plus the request id it answered (per-item bulk errors carry it). */
export interface Reply<T> {
  requestId: number;
  value: T;
}

/** Per-call options of facade methods. */
export type FacadeCallOptions = CallOptions;

/** What facade classes need from the client: negotiated versions and a typed call. */
export interface FacadeCaller {
  /** The negotiated version of a facade; throws JujuFacadeVersionError when there is none. */
  version(facade: string): number;
  /** Major version of the controller (3 or 4), from the login result's `server-version`. */
  serverMajor(): number;
  /**
   * Encodes `params` through `paramsSchema` (Go zero values filled in), sends the call at the
   * negotiated version and decodes the reply through `resultSchema`.
   */
  invoke<P, R>(
    call: { facade: string; method: string; id?: string },
    params: P | undefined,
    paramsSchema: z.ZodType<P, unknown> | undefined,
    resultSchema: z.ZodType<R, unknown> | undefined,
    options?: FacadeCallOptions,
  ): Promise<Reply<R>>;
}

/** One item of a bulk call: successes are never dropped because a sibling failed. */
export type BulkItem<T> =
  | { ok: true; index: number; value: T }
  | { ok: false; index: number; error: JujuRpcError; value?: undefined };

/** Splits bulk results into typed per-item errors and values (the item minus its `error`). */
export function bulk<T extends { error?: WireError | null | undefined }>(
  items: readonly T[] | null | undefined,
  facade: string,
  method: string,
  requestId: number,
  /** For calls that answer one result per item sent: anything else is a protocol error, never `[]`. */
  expected?: number,
): BulkItem<Omit<T, 'error'>>[] {
  if (expected !== undefined && (items?.length ?? 0) !== expected) {
    throw new JujuValidationError(facade, method, [
      {
        code: 'custom',
        path: ['results'],
        message: `expected ${expected} result${expected === 1 ? '' : 's'} (one per item sent), got ${items ? items.length : 'none'}`,
        input: items,
      },
    ]);
  }
  return (items ?? []).map((item, index) => {
    const { error, ...value } = item;
    if (error?.message) {
      const rpcError = JujuRpcError.from({
        message: error.message,
        code: error.code || undefined,
        info: error.info ?? undefined,
        facade,
        method,
        requestId,
        index,
      });
      return { ok: false as const, index, error: rpcError };
    }
    return { ok: true as const, index, value };
  });
}

/** The values of a bulk call, throwing the first per-item error (for single-item convenience calls). */
export function only<T>(items: BulkItem<T>[]): T {
  const first = items[0];
  if (!first) throw new JujuError('the controller returned no result item for a single-item bulk call');
  if (!first.ok) throw first.error;
  return first.value;
}

/** Throws the first failed item of a bulk call, else returns all values. */
export function allOk<T>(items: BulkItem<T>[]): T[] {
  const failed = items.find((item) => !item.ok);
  if (failed && !failed.ok) throw failed.error;
  return items.map((item) => item.value as T);
}
