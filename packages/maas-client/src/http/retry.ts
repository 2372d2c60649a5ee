/**
 * Retry policy as data (docs/maas-api.md §6.2). MAAS rolls a transaction back before answering 409 or 503
 * with `Retry-After`, so those are safe to repeat for any request. Everything else is repeated only for
 * idempotent reads: a POST such as compose, deploy, allocate, power_on/off, commission or release may have
 * taken effect even when the answer was lost, so it is surfaced instead of repeated.
 *
 * Worst case with the defaults: 3 retries, each waiting at most `maxRetryAfterMs` (60 s) when MAAS asks,
 * otherwise 0.5 s, 1 s, 2 s backoff (+25 % jitter); plus `timeout` per attempt.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  retries: number;
  /** HTTP methods treated as idempotent reads. */
  idempotentMethods: readonly string[];
  /** Statuses on which an idempotent read is retried (with Retry-After if sent, else backoff). */
  idempotentStatuses: readonly number[];
  /** Statuses on which ANY request is retried, but only when the response carries `Retry-After`. */
  retryAfterStatuses: readonly number[];
  /** Retry idempotent reads after connection errors with these codes, and after per-attempt timeouts. */
  retryNetworkErrors: boolean;
  networkErrorCodes: readonly string[];
  backoff: { initialMs: number; factor: number; maxMs: number; jitter: number };
  /** Longest `Retry-After` honoured; a longer one surfaces the error rather than waiting. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  retries: 3,
  idempotentMethods: Object.freeze(['GET', 'HEAD']),
  idempotentStatuses: Object.freeze([502, 503, 504]),
  retryAfterStatuses: Object.freeze([409, 503]),
  retryNetworkErrors: true,
  networkErrorCodes: Object.freeze([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'EAI_AGAIN',
    'ECONNABORTED',
  ]),
  backoff: Object.freeze({ initialMs: 500, factor: 2, maxMs: 8000, jitter: 0.25 }),
  maxRetryAfterMs: 60_000,
});

export type RetryOverride =
  | false
  | (Partial<Omit<RetryPolicy, 'backoff'>> & { backoff?: Partial<RetryPolicy['backoff']> });

export function mergeRetryPolicy(base: RetryPolicy, override: RetryOverride | undefined): RetryPolicy {
  if (override === undefined) return base;
  if (override === false) return { ...base, retries: 0 };
  return { ...base, ...override, backoff: { ...base.backoff, ...override.backoff } };
}

export type AttemptOutcome =
  | { kind: 'status'; status: number; retryAfterSeconds: number | undefined }
  | { kind: 'network'; code: string | undefined }
  | { kind: 'timeout' };

export interface RetryContext {
  method: string;
  /** Explicit per-request override of the method-based idempotency rule. */
  idempotent?: boolean | undefined;
  /** 1-based number of the attempt that just failed. */
  attempt: number;
}

export type RetryDecision =
  | { retry: false; reason: string }
  | { retry: true; delayMs: number; reason: string };

export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const { initialMs, factor, maxMs, jitter } = policy.backoff;
  const base = Math.min(maxMs, initialMs * factor ** (attempt - 1));
  return Math.round(base * (1 + jitter * random()));
}

/** Pure decision: should attempt `attempt` be followed by another, and after how long? */
export function decideRetry(
  policy: RetryPolicy,
  context: RetryContext,
  outcome: AttemptOutcome,
  random: () => number = Math.random,
): RetryDecision {
  if (context.attempt > policy.retries) return { retry: false, reason: 'retries exhausted' };
  const idempotent = context.idempotent ?? policy.idempotentMethods.includes(context.method.toUpperCase());
  if (outcome.kind !== 'status') {
    const transient = outcome.kind === 'timeout' || policy.networkErrorCodes.includes(outcome.code ?? '');
    if (!transient)
      return { retry: false, reason: `connection error ${outcome.code ?? ''} is not transient` };
    if (idempotent && policy.retryNetworkErrors) {
      return { retry: true, delayMs: backoffDelay(policy, context.attempt, random), reason: outcome.kind };
    }
    return { retry: false, reason: `${outcome.kind} on a non-idempotent request` };
  }
  const { status, retryAfterSeconds } = outcome;
  if (retryAfterSeconds !== undefined) {
    const delayMs = retryAfterSeconds * 1000;
    const statusAllows =
      policy.retryAfterStatuses.includes(status) ||
      (idempotent && policy.idempotentStatuses.includes(status));
    if (!statusAllows) return { retry: false, reason: `status ${status} is not retried` };
    if (delayMs > policy.maxRetryAfterMs) {
      return { retry: false, reason: `Retry-After ${retryAfterSeconds}s exceeds maxRetryAfterMs` };
    }
    return { retry: true, delayMs, reason: `status ${status} with Retry-After` };
  }
  if (idempotent && policy.idempotentStatuses.includes(status)) {
    return {
      retry: true,
      delayMs: backoffDelay(policy, context.attempt, random),
      reason: `status ${status}`,
    };
  }
  return { retry: false, reason: `status ${status} without Retry-After` };
}

/** `Retry-After` as seconds: an integer, or an HTTP date relative to `now`. */
export function parseRetryAfter(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // RFC 9110 §10.2.3: delay-seconds or an HTTP-date, and every HTTP-date form starts with a day name.
  // Anything else ("-1", "1.5") is no Retry-After at all, so a POST is not repeated on its account
  // (JavaScript's Date.parse would read "-1" as a year long past, i.e. "retry now").
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
