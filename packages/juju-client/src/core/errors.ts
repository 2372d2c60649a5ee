import { EdgekitError, type ErrorKind, heldSecrets, issuesLine, Redactor } from '@edgekit/common';
import type * as z from 'zod';

/**
 * Base of every error this SDK throws; callers branch with `instanceof`. It extends the workspace's one
 * error base (`EdgekitError`): `kind`, `errorCode`, `cause`, and a message scrubbed when built of every
 * password a live client holds.
 */
export class JujuError extends EdgekitError {
  override name = 'JujuError';
  static override readonly kind: ErrorKind = 'refused';

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options?.cause === undefined ? {} : { cause: options.cause });
  }
}

/**
 * Server text an error keeps besides its message (the controller's own message, `error-info`, a bad
 * frame) scrubbed, when the error is built, of every secret a live client holds, as the base scrubs the
 * message: a controller that quotes a password back cannot put it into any field.
 */
function scrubbed(text: string): string {
  return new Redactor(heldSecrets()).redact(text);
}

function scrubbedInfo(info: Record<string, unknown>): Record<string, unknown> {
  // Inside JSON a secret appears escaped (a quote or backslash in a password), so look for it that way.
  const escaped = new Redactor(heldSecrets().map((secret) => JSON.stringify(secret).slice(1, -1)));
  return JSON.parse(escaped.redact(JSON.stringify(info))) as Record<string, unknown>;
}

/** Where an RPC error came from: a frame-level error or one item of a bulk result. */
export interface RpcErrorSource {
  message: string;
  code?: string | undefined;
  info?: Record<string, unknown> | undefined;
  facade: string;
  method: string;
  requestId: number;
  /** Position in a bulk call's results, when the error belongs to one item. */
  index?: number | undefined;
}

/**
 * An error Juju returned: frame `error`/`error-code`/`error-info`, or a bulk result item's `error`.
 * Build it with {@link JujuRpcError.from}, which picks the subclass for the code.
 */
export class JujuRpcError extends JujuError {
  override name = 'JujuRpcError';
  readonly code: string | undefined;
  readonly info: Record<string, unknown> | undefined;
  readonly facade: string;
  readonly method: string;
  readonly requestId: number;
  readonly index: number | undefined;
  /** The controller's own message, without the facade/method prefix. */
  readonly serverMessage: string;

  constructor(source: RpcErrorSource) {
    const where = `${source.facade}.${source.method}`;
    const item = source.index === undefined ? '' : ` (item ${source.index})`;
    const code = source.code ? ` [${source.code}]` : '';
    super(`${where}${item}: ${source.message}${code}`);
    this.code = source.code;
    this.info = source.info === undefined ? undefined : scrubbedInfo(source.info);
    this.facade = source.facade;
    this.method = source.method;
    this.requestId = source.requestId;
    this.index = source.index;
    this.serverMessage = scrubbed(source.message);
  }

  /** The one factory: maps Juju's error code (rpc/params/apierror.go) to the matching subclass. */
  static from(source: RpcErrorSource): JujuRpcError {
    const Class = source.code === undefined ? undefined : CODE_CLASSES[source.code];
    return new (Class ?? JujuRpcError)(source);
  }
}

export class JujuNotFoundError extends JujuRpcError {
  override name = 'JujuNotFoundError';
}
export class JujuUnauthorizedError extends JujuRpcError {
  override name = 'JujuUnauthorizedError';
  static override readonly kind: ErrorKind = 'connection';
}
export class JujuNotImplementedError extends JujuRpcError {
  override name = 'JujuNotImplementedError';
}
export class JujuNotSupportedError extends JujuRpcError {
  override name = 'JujuNotSupportedError';
}
export class JujuTryAgainError extends JujuRpcError {
  override name = 'JujuTryAgainError';
}
export class JujuAlreadyExistsError extends JujuRpcError {
  override name = 'JujuAlreadyExistsError';
}

/** One address of a controller, as Juju's HostPort is flattened on the wire. */
export interface RedirectServer {
  value: string;
  port: number;
  type?: string | undefined;
  scope?: string | undefined;
}

/** `redirection required`: the model migrated; `servers` and `caCert` name the new controller. */
export class JujuRedirectError extends JujuRpcError {
  override name = 'JujuRedirectError';
  static override readonly kind: ErrorKind = 'connection';
  readonly servers: RedirectServer[][];
  readonly caCert: string | undefined;
  readonly controllerTag: string | undefined;

  constructor(source: RpcErrorSource) {
    super(source);
    const info = this.info ?? {};
    this.servers = Array.isArray(info.servers) ? (info.servers as RedirectServer[][]) : [];
    this.caCert = typeof info['ca-cert'] === 'string' ? info['ca-cert'] : undefined;
    this.controllerTag = typeof info['controller-tag'] === 'string' ? info['controller-tag'] : undefined;
  }

  /** Every redirect address as `host:port`, public ones first (what a client can usually reach). */
  endpoints(): string[] {
    const all = this.servers.flat();
    const rank = (s: RedirectServer) => (s.scope === 'public' ? 0 : 1);
    return [...all].sort((a, b) => rank(a) - rank(b)).map((s) => hostPort(s.value, s.port));
  }
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const CODE_CLASSES: Record<string, new (source: RpcErrorSource) => JujuRpcError> = {
  'not found': JujuNotFoundError,
  'user not found': JujuNotFoundError,
  'model not found': JujuNotFoundError,
  'unauthorized access': JujuUnauthorizedError,
  'redirection required': JujuRedirectError,
  'not implemented': JujuNotImplementedError,
  'not supported': JujuNotSupportedError,
  'try again': JujuTryAgainError,
  'already exists': JujuAlreadyExistsError,
};

/** Anything below the RPC layer: dialling, the socket, timeouts, aborts, bad frames. */
export class JujuTransportError extends JujuError {
  override name = 'JujuTransportError';
  static override readonly kind: ErrorKind = 'connection';
}

/** No endpoint could be dialled; `attempts` says why for each one. */
export class JujuConnectionError extends JujuTransportError {
  override name = 'JujuConnectionError';
  constructor(
    message: string,
    readonly attempts: { endpoint: string; reason: string }[] = [],
  ) {
    super(message);
  }
}

/**
 * The socket closed (or was never open) while a call was pending or being sent. When
 * `maybeApplied` is true the call was a mutation that reached the wire: reconcile, never replay.
 */
export class JujuConnectionClosedError extends JujuTransportError {
  override name = 'JujuConnectionClosedError';
  constructor(
    message: string,
    readonly maybeApplied = false,
  ) {
    super(message);
  }
}

/** A call got no reply within its timeout. */
export class JujuTimeoutError extends JujuTransportError {
  override name = 'JujuTimeoutError';
}

/** The caller aborted a call through its AbortSignal. */
export class JujuAbortError extends JujuTransportError {
  override name = 'JujuAbortError';
  static override readonly kind: ErrorKind = 'interrupted';
}

/** A frame from the server that is not valid Juju RPC JSON; emitted on the `error` event. */
export class JujuMalformedFrameError extends JujuTransportError {
  override name = 'JujuMalformedFrameError';
  readonly frame: string;
  constructor(message: string, frame: string) {
    super(message);
    this.frame = scrubbed(frame);
  }
}

/** A reply (or the params given to a call) did not match the schema of its facade version. */
export class JujuValidationError extends JujuError {
  override name = 'JujuValidationError';
  constructor(
    readonly facade: string,
    readonly method: string,
    readonly issues: z.core.$ZodIssue[],
    readonly part: 'reply' | 'params' = 'reply',
  ) {
    super(`${facade}.${method} ${part} does not match its schema: ${issuesLine(issues)}`);
  }
}

/** The controller offers no version of a facade this client can speak. */
export class JujuFacadeVersionError extends JujuError {
  override name = 'JujuFacadeVersionError';
  constructor(
    readonly facade: string,
    readonly clientVersions: readonly number[],
    readonly serverVersions: readonly number[],
  ) {
    const server = serverVersions.length > 0 ? `[${serverVersions.join(', ')}]` : 'none (facade not offered)';
    super(
      `no common version of facade ${facade}: client speaks [${clientVersions.join(', ')}], controller offers ${server}`,
    );
  }
}

/** Bad configuration: missing files, keys or options; the message says how to fix it. */
export class JujuConfigError extends JujuError {
  override name = 'JujuConfigError';
  static override readonly kind: ErrorKind = 'usage';
}

/** Bad input to a helper (constraint string, placement directive, bundle): the message names the fix. */
export class JujuInputError extends JujuError {
  override name = 'JujuInputError';
  static override readonly kind: ErrorKind = 'usage';
}

/**
 * A relation key Juju reported (FullStatus, the AllWatcher) that is not of the form keys have: like a
 * reply that does not match its schema, nothing the caller wrote, so not an input error.
 */
export class JujuRelationKeyError extends JujuError {
  override name = 'JujuRelationKeyError';
}

/** The controller wants a login flow this client does not implement yet (macaroons, OAuth). */
export class JujuLoginNotSupportedError extends JujuError {
  override name = 'JujuLoginNotSupportedError';
}

/** Bundle problems reported by Bundle.GetChangesMapArgs or found while executing the changes. */
export class JujuBundleError extends JujuError {
  override name = 'JujuBundleError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
    /** The change id (e.g. `addRelation-7`) whose execution failed, if any. */
    readonly change?: string,
    options?: { cause?: unknown },
  ) {
    super(problems.length > 0 ? `${message}: ${problems.join('; ')}` : message, options);
  }
}

/** An action ended in a state other than `completed` (failed, cancelled, aborted, error). */
export class JujuActionFailedError extends JujuError {
  override name = 'JujuActionFailedError';
  constructor(
    readonly actionId: string,
    readonly status: string,
    reason: string,
  ) {
    super(`action ${actionId} ${status}: ${reason}`);
  }
}
