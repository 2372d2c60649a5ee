import { REDACTED, Redactor, redactKeys } from '@edgekit/common';

export { REDACTED };

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

/** A deep copy of `value` with every secret-bearing key replaced by the marker. */
export function redact(value: unknown): unknown {
  return redactKeys(value, SECRET_KEYS);
}

// The passwords live clients hold are registered with the workspace's one registry, which every error
// base (`EdgekitError`) scrubs when it is built.
export { heldSecrets, holdSecret } from '@edgekit/common';

/** Replaces every occurrence of the given secrets inside free text (e.g. a server error message). */
export function redactText(text: string, secrets: readonly string[]): string {
  return new Redactor(secrets).redact(text);
}
