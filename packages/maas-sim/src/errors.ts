/**
 * Two error families live here:
 * - `MaasSimError`: a mistake by whoever starts the simulator (bad option), thrown from `startMaasSim`.
 * - `ApiError`: an HTTP answer MAAS would give (status + body), thrown by handlers and rendered by the server.
 */
export type MaasSimErrorCode = 'invalid-option' | 'persist-failed' | 'unknown-site';

export class MaasSimError extends Error {
  readonly code: MaasSimErrorCode;
  constructor(code: MaasSimErrorCode, message: string) {
    super(message);
    this.name = 'MaasSimError';
    this.code = code;
  }
}

export function simError(code: MaasSimErrorCode, message: string): MaasSimError {
  return new MaasSimError(code, message);
}

/** Field errors as MAAS's forms report them: `{field: [message, ...]}` (`__all__` for non-field errors). */
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly body: string | FieldErrors;
  readonly headers: Record<string, string>;
  constructor(status: number, body: string | FieldErrors, headers: Record<string, string> = {}) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export const badRequest = (body: string | FieldErrors): ApiError => new ApiError(400, body);
export const unauthorized = (text: string): ApiError =>
  new ApiError(401, text, { 'WWW-Authenticate': 'OAuth realm="MAAS API"' });
export const forbidden = (text = 'This method is reserved for admin users.'): ApiError =>
  new ApiError(403, text);
export const notFound = (text: string): ApiError => new ApiError(404, text);
export const conflict = (text: string): ApiError => new ApiError(409, text);
export const gone = (text: string): ApiError => new ApiError(410, text);
export const serverError = (text: string): ApiError => new ApiError(500, text);
export const unavailable = (text: string, retryAfter?: number): ApiError =>
  new ApiError(503, text, retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) });
