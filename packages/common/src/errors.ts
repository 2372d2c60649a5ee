import type { ErrorKind } from './error-kind.js';
import { heldSecrets } from './held-secrets.js';
import { Redactor } from './redact.js';

export interface EdgekitErrorOptions {
  /** The failure this one wraps; always kept (`error.cause`). */
  cause?: unknown;
  /** Secrets to hide from the message besides those live clients hold (e.g. a password used once). */
  secrets?: Iterable<string | undefined | null>;
}

/**
 * The one error base of the workspace: maas-client's `MaasError`, juju-client's `JujuError` and
 * edge-core's `EdgePlanError`, `PlacementError` and `YamlInputError` extend it, so every error a caller
 * sees carries
 *  - `kind` (`ErrorKind`): declared per class as `static kind`; the CLI's exit code follows from it;
 *  - `errorCode`: a stable snake_case identifier, derived from the class's public `name`
 *    (`MaasHttpError` → `maas_http_error`). It is not called `code` because two SDK classes already give
 *    `code` the wire's own meaning (Juju's error code, Node's socket error code);
 *  - `cause`, when it wraps another failure;
 *  - a message already scrubbed, by the one `Redactor`, of every secret a live client holds.
 * Each package keeps its own subclasses and names, so `instanceof MaasError` and the like hold as before.
 */
export class EdgekitError extends Error {
  override name = 'EdgekitError';
  /** What kind of failure each class is; subclasses say theirs. */
  static readonly kind: ErrorKind = 'internal';

  /** The failure's kind, for reporters such as the CLI (its exit code follows from it). */
  get kind(): ErrorKind {
    return (this.constructor as typeof EdgekitError).kind;
  }

  /** The stable identifier of this class of failure: its name in snake_case. */
  get errorCode(): string {
    return this.name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .toLowerCase();
  }

  constructor(message?: string, options: EdgekitErrorOptions = {}) {
    const redactor = new Redactor([...heldSecrets(), ...(options.secrets ?? [])]);
    super(
      message === undefined ? undefined : redactor.redact(message),
      'cause' in options ? { cause: options.cause } : undefined,
    );
  }
}
