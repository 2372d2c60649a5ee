/**
 * The one wait of the workspace: every back-off, poll interval and Retry-After goes through it, so an
 * abort cuts any of them short at once (rejecting with the signal's reason). It uses the global timers
 * on purpose: Node's `timers/promises` is not faked by vitest/sinon fake timers, and the SDKs' users
 * drive retries in their own tests with fake timers.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The first wait of a status poll (see pollDelay). */
export const FIRST_POLL_MS = 25;

/**
 * The wait before the next poll of something expected to change (an action, a unit's status): it
 * starts short and doubles up to `intervalMs`, so a quick change is seen at once and a slow one costs
 * at most one interval of lateness. `attempt` counts from 0.
 */
export function pollDelay(attempt: number, intervalMs: number): number {
  return Math.min(intervalMs, FIRST_POLL_MS * 2 ** Math.min(attempt, 30));
}
