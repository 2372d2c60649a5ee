import { noSecrets, type Redactor } from '@edgekit/common';
import {
  MaasAbortError,
  MaasBadRequestError,
  MaasConfigError,
  MaasConflictError,
  MaasConnectionError,
  MaasError,
  MaasForbiddenError,
  MaasGoneError,
  MaasHttpError,
  type MaasHttpErrorInit,
  MaasInputError,
  MaasNotFoundError,
  type MaasRequestInfo,
  MaasResponseTooLargeError,
  MaasServerError,
  MaasServiceUnavailableError,
  MaasTimeoutError,
  MaasUnauthorizedError,
  MaasValidationError,
  type MaasValidationIssue,
  MaasVmHostsRemovedError,
  MaasWaitError,
} from './errors.js';

/** Bodies are kept for diagnosis but bounded: a 500 can carry a whole traceback. */
const MAX_BODY_CHARS = 2000;

/** Paths whose 410 means "this MAAS removed VM hosts" (canonical/maas master, src/maasserver/api/gone.py). */
const VM_HOST_PATH = /\/api\/2\.0\/(pods|vm-hosts|vm-clusters|virtual-machines)(\/|$)/;

export interface HttpFailure extends MaasRequestInfo {
  status: number;
  retryAfterSeconds: number | undefined;
  contentType: string | undefined;
  body: string;
  /** `Location` of a redirect, which the client does not follow (a POST must not be replayed elsewhere). */
  location?: string | undefined;
}

function parseFieldErrors(contentType: string | undefined, body: string): Record<string, string[]> {
  if (!contentType?.includes('json')) return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Record<string, string[]> = {};
    for (const [field, value] of Object.entries(parsed)) {
      if (Array.isArray(value)) out[field] = value.map(String);
      else if (typeof value === 'string') out[field] = [value];
    }
    return out;
  } catch {
    return {};
  }
}

function summarise(body: string, fieldErrors: Record<string, string[]>): string {
  const fields = Object.entries(fieldErrors);
  if (fields.length > 0)
    return fields.map(([field, messages]) => `${field}: ${messages.join(' ')}`).join('; ');
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}

const HINTS: Record<number, string> = {
  401: 'check the API key (consumer_key:token_key:token_secret) and that this machine clock is within 300 s of the MAAS server',
  403: 'this operation needs more privileges (many are admin-only), or the username/password is wrong',
  404: 'check the id/name, and that the URL points at the MAAS root (…/MAAS/)',
};

/**
 * The single factory for SDK errors. Every string that goes into an error passes the redactor, so no
 * message, body or property can carry the API key or a password.
 */
export const createMaasError = {
  config(message: string, redactor: Redactor = noSecrets): MaasConfigError {
    return new MaasConfigError(redactor.redact(message));
  },

  input(message: string): MaasInputError {
    return new MaasInputError(message);
  },

  http(failure: HttpFailure, redactor: Redactor): MaasHttpError {
    const body = redactor.redact(failure.body).slice(0, MAX_BODY_CHARS);
    const path = redactor.redact(failure.path);
    const init: MaasHttpErrorInit = {
      status: failure.status,
      method: failure.method,
      path,
      retryAfterSeconds: failure.retryAfterSeconds,
      body,
    };
    const fieldErrors = failure.status === 400 ? parseFieldErrors(failure.contentType, body) : {};
    const detail = summarise(body, fieldErrors);
    const hint =
      failure.status >= 300 && failure.status < 400
        ? `MAAS redirected${failure.location ? ` to ${redactor.redact(failure.location)}` : ''}; configure that URL instead (e.g. https://<host>:5443/MAAS/ when TLS is enabled)`
        : HINTS[failure.status];
    const message = `MAAS ${failure.method} ${path} failed with HTTP ${failure.status}${detail ? `: ${detail}` : ''}${
      hint ? ` (${hint})` : ''
    }`;
    switch (failure.status) {
      case 400:
        return new MaasBadRequestError(message, init, fieldErrors);
      case 401:
        return new MaasUnauthorizedError(message, init);
      case 403:
        return new MaasForbiddenError(message, init);
      case 404:
        return new MaasNotFoundError(message, init);
      case 409:
        return new MaasConflictError(message, init);
      case 410:
        return VM_HOST_PATH.test(path)
          ? new MaasVmHostsRemovedError(
              `This MAAS has removed VM-host (KVM/LXD pod) support: ${failure.method} ${path} answered 410 Gone${
                detail ? ` (${detail})` : ''
              }. Use MAAS 3.8 or older for VM hosts, or manage the hypervisors outside MAAS.`,
              init,
            )
          : new MaasGoneError(message, init);
      case 503:
        return new MaasServiceUnavailableError(message, init);
      default:
        return failure.status >= 500 ? new MaasServerError(message, init) : new MaasHttpError(message, init);
    }
  },

  connection(
    info: MaasRequestInfo,
    code: string | undefined,
    reason: string,
    redactor: Redactor,
  ): MaasConnectionError {
    const path = redactor.redact(info.path);
    return new MaasConnectionError(
      `Could not reach MAAS for ${info.method} ${path}: ${redactor.redact(reason)}${code ? ` [${code}]` : ''}`,
      { method: info.method, path },
      code,
    );
  },

  timeout(info: MaasRequestInfo, timeoutMs: number, redactor: Redactor): MaasTimeoutError {
    const path = redactor.redact(info.path);
    return new MaasTimeoutError(
      `MAAS ${info.method} ${path} did not complete within ${timeoutMs} ms (raise the timeout request option for slow operations such as compose or query_power_state)`,
      { method: info.method, path },
      timeoutMs,
    );
  },

  tooLarge(info: MaasRequestInfo, maxResponseBytes: number, redactor: Redactor): MaasResponseTooLargeError {
    const path = redactor.redact(info.path);
    return new MaasResponseTooLargeError(
      `MAAS ${info.method} ${path} answered with more than ${maxResponseBytes} bytes; stopped reading (raise the maxResponseBytes client option if this answer is expected, or narrow the request with filters)`,
      { method: info.method, path },
      maxResponseBytes,
    );
  },

  abort(info: MaasRequestInfo, redactor: Redactor): MaasAbortError {
    return new MaasAbortError(`MAAS ${info.method} ${redactor.redact(info.path)} was aborted by the caller`);
  },

  validation(
    endpoint: string,
    found: MaasValidationIssue[],
    redactor: Redactor = noSecrets,
  ): MaasValidationError {
    const issues = found.map((issue) => ({ ...issue, message: redactor.redact(issue.message) }));
    const shown = issues
      .slice(0, 5)
      .map((i) => `${i.field || '(root)'}: expected ${i.expected} (${i.message})`)
      .join('; ');
    const more = issues.length > 5 ? ` and ${issues.length - 5} more` : '';
    return new MaasValidationError(
      `Unexpected response from MAAS ${endpoint}: ${shown}${more}`,
      endpoint,
      issues,
    );
  },

  wait(message: string, lastSeen: string): MaasWaitError {
    return new MaasWaitError(message, lastSeen);
  },

  /** Anything not already in the tree (a bug, or an unknown library failure) becomes a base error. */
  unexpected(error: unknown, redactor: Redactor): MaasError {
    if (error instanceof MaasError) return error;
    const text = error instanceof Error ? error.message : String(error);
    return new MaasError(`Unexpected failure in the MAAS client: ${redactor.redact(text)}`, { cause: error });
  },
};
