import type { RetryOverride } from './retry.js';

/** Per-call knobs, accepted as the last argument of every resource method. */
export interface RequestOptions {
  /** Milliseconds per attempt before the attempt is abandoned (default: the client's `timeout`). */
  timeout?: number;
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal;
  /** Override the client's retry policy for this call; `false` disables retrying. */
  retry?: RetryOverride;
  /** Extra request headers (cannot replace `Authorization`). */
  headers?: Readonly<Record<string, string>>;
}
