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

/**
 * The passwords live clients hold, counted (two clients may share one). Errors are scrubbed of all of them
 * when they are built, so a controller that quotes a credential back in an error message (or a bulk item's
 * error) cannot put it into an exception, a log line or a CLI's output.
 */
const held = new Map<string, number>();

/** Registers a secret for scrubbing; the returned function releases it (when its client closes). */
export function holdSecret(secret: string): () => void {
  if (secret === '') return () => {};
  held.set(secret, (held.get(secret) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const count = (held.get(secret) ?? 1) - 1;
    if (count <= 0) held.delete(secret);
    else held.set(secret, count);
  };
}

/** Every secret a live client holds. */
export function heldSecrets(): string[] {
  return [...held.keys()];
}

/** Replaces every occurrence of the given secrets inside free text (e.g. a server error message). */
export function redactText(text: string, secrets: readonly string[]): string {
  return new Redactor(secrets).redact(text);
}
