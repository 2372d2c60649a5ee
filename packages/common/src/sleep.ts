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
