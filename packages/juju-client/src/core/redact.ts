// Secrets must never reach an error message, a log line or a snapshot. Juju carries them in these
// wire keys (Admin.Login `credentials`, macaroons, JWT `token`) and in our own option names.
const SECRET_KEYS = new Set([
  'credentials',
  'password',
  'macaroons',
  'macaroon',
  'token',
  'client-secret',
  'session-token',
  'bakery-macaroon',
]);

export const REDACTED = '[redacted]';

/** A deep copy of `value` with every secret-bearing key replaced by `[redacted]`. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key.toLowerCase()) && inner !== '' && inner != null ? REDACTED : redact(inner);
  }
  return out;
}

/** Replaces every occurrence of the given secrets inside free text (e.g. a server error message). */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join(REDACTED);
  }
  return out;
}
