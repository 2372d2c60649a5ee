import type { RetryOverride } from './retry.js';

/** Per-call knobs, accepted as the last argument of every resource method. */
export interface RequestOptions {
  /** Milliseconds per attempt before the attempt is abandoned (default: the client's `timeout`). */
  timeout?: number | undefined;
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal | undefined;
  /** Override the client's retry policy for this call; `false` disables retrying. */
  retry?: RetryOverride | undefined;
  /** Extra request headers (cannot replace `Authorization`). */
  headers?: Readonly<Record<string, string>> | undefined;
}
