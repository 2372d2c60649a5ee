/**
 * The secrets live clients hold (passwords, API keys), counted (two clients may share one). Every
 * `EdgekitError` is scrubbed of all of them when it is built, so a server that quotes a credential back in
 * an error message cannot put it into an exception, a log line or a CLI's output. Each published package
 * inlines its own copy of this module, so a client registers with the copy its own errors read.
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
