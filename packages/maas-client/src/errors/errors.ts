import { EdgekitError, type ErrorKind } from '@edgekit/common';
/**
 * The one error tree of the SDK, on the workspace's one error base (`EdgekitError`: `kind`, `errorCode`,
 * `cause`, held secrets scrubbed). Every failure a caller can see is a `MaasError`; callers branch with
 * `instanceof`. Instances are built only by the factory in `factory.ts`, which redacts secrets first.
 */

/** Where a failing request was going: enough to act on, never the credentials. */
export interface MaasRequestInfo {
  method: string;
  /** API path with its query string, e.g. `/MAAS/api/2.0/machines/?op=allocate`. */
  path: string;
}

export class MaasError extends EdgekitError {
  override name = 'MaasError';
  static override readonly kind: ErrorKind = 'refused';
}

/** Bad configuration or a bad API key: raised before any request is sent. */
export class MaasConfigError extends MaasError {
  override name = 'MaasConfigError';
  static override readonly kind: ErrorKind = 'usage';
}

/** A call argument that MAAS would reject or misread (e.g. a malformed storage spec). */
export class MaasInputError extends MaasError {
  override name = 'MaasInputError';
  static override readonly kind: ErrorKind = 'usage';
}

export interface MaasHttpErrorInit extends MaasRequestInfo {
  status: number;
  /** Seconds from the `Retry-After` header, when MAAS sent one. */
  retryAfterSeconds: number | undefined;
  /** Response body as text (redacted, truncated). */
  body: string;
}

/** MAAS answered with a non-2xx status. */
export class MaasHttpError extends MaasError {
  override name = 'MaasHttpError';
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly retryAfterSeconds: number | undefined;
  readonly body: string;
  constructor(message: string, init: MaasHttpErrorInit) {
    super(message);
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.body = init.body;
  }
}

/** 400: MAAS form validation. `fieldErrors` maps a form field (or `__all__`) to its messages. */
export class MaasBadRequestError extends MaasHttpError {
  override name = 'MaasBadRequestError';
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
  constructor(message: string, init: MaasHttpErrorInit, fieldErrors: Record<string, string[]>) {
    super(message, init);
    this.fieldErrors = fieldErrors;
  }
}

/** 401: the API key is wrong, revoked, or the clocks differ by more than 300 s. */
export class MaasUnauthorizedError extends MaasHttpError {
  override name = 'MaasUnauthorizedError';
  static override readonly kind: ErrorKind = 'connection';
}

/** 403: authenticated but not allowed (e.g. admin-only operation), or a failed login. */
export class MaasForbiddenError extends MaasHttpError {
  override name = 'MaasForbiddenError';
  static override readonly kind: ErrorKind = 'connection';
}

/** 404: no such object, or an unknown API endpoint. */
export class MaasNotFoundError extends MaasHttpError {
  override name = 'MaasNotFoundError';
}

/**
 * 409: a state conflict (no machine matches, wrong node state) when `retryAfterSeconds` is undefined;
 * a transient database conflict when MAAS sent `Retry-After`.
 */
export class MaasConflictError extends MaasHttpError {
  override name = 'MaasConflictError';
}

/** 410: the endpoint no longer exists on this MAAS. */
export class MaasGoneError extends MaasHttpError {
  override name = 'MaasGoneError';
}

/** 410 on a VM-host path: this MAAS removed VM-host (KVM/LXD pod) support altogether. */
export class MaasVmHostsRemovedError extends MaasGoneError {
  override name = 'MaasVmHostsRemovedError';
}

/** 503: the region cannot reach a rack controller, a BMC, or a VM host. */
export class MaasServiceUnavailableError extends MaasHttpError {
  override name = 'MaasServiceUnavailableError';
}

/** Any other 5xx. */
export class MaasServerError extends MaasHttpError {
  override name = 'MaasServerError';
}

/** No HTTP answer: DNS, refused connection, reset, TLS failure. */
export class MaasConnectionError extends MaasError {
  override name = 'MaasConnectionError';
  static override readonly kind: ErrorKind = 'connection';
  readonly method: string;
  readonly path: string;
  /** Node's error code, e.g. `ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  readonly code: string | undefined;
  constructor(message: string, info: MaasRequestInfo, code: string | undefined) {
    super(message);
    this.method = info.method;
    this.path = info.path;
    this.code = code;
  }
}

/** The request (all its attempts together) ran past the timeout. */
export class MaasTimeoutError extends MaasError {
  override name = 'MaasTimeoutError';
  static override readonly kind: ErrorKind = 'connection';
  readonly method: string;
  readonly path: string;
  readonly timeoutMs: number;
  constructor(message: string, info: MaasRequestInfo, timeoutMs: number) {
    super(message);
    this.method = info.method;
    this.path = info.path;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The response body grew past the client's `maxResponseBytes`: the download was stopped there and the
 * request is not retried (the same request would bring the same body).
 */
export class MaasResponseTooLargeError extends MaasError {
  override name = 'MaasResponseTooLargeError';
  static override readonly kind: ErrorKind = 'refused';
  readonly method: string;
  readonly path: string;
  readonly maxResponseBytes: number;
  constructor(message: string, info: MaasRequestInfo, maxResponseBytes: number) {
    super(message);
    this.method = info.method;
    this.path = info.path;
    this.maxResponseBytes = maxResponseBytes;
  }
}

/** The caller's `AbortSignal` fired. */
export class MaasAbortError extends MaasError {
  override name = 'MaasAbortError';
  static override readonly kind: ErrorKind = 'interrupted';
}

export interface MaasValidationIssue {
  /** Dotted path into the response, e.g. `[3].interface_set[0].vlan.vid`. */
  field: string;
  expected: string;
  message: string;
}

/** A response did not match its schema: names the endpoint, the field and what was expected. */
export class MaasValidationError extends MaasError {
  override name = 'MaasValidationError';
  static override readonly kind: ErrorKind = 'refused';
  readonly endpoint: string;
  readonly issues: readonly MaasValidationIssue[];
  constructor(message: string, endpoint: string, issues: MaasValidationIssue[]) {
    super(message);
    this.endpoint = endpoint;
    this.issues = issues;
  }
}

/** A waiter gave up: the target state was not reached in time, or a failure state was reached. */
export class MaasWaitError extends MaasError {
  override name = 'MaasWaitError';
  static override readonly kind: ErrorKind = 'incomplete';
  readonly lastSeen: string;
  constructor(message: string, lastSeen: string) {
    super(message);
    this.lastSeen = lastSeen;
  }
}
