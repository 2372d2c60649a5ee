/**
 * Replaces every known secret in text with "***": error messages can quote URLs, request bodies or
 * config values, and an API key or password must never reach a terminal or a log.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join('***');
    // MAAS keys are consumer:token:secret; each part is secret on its own too.
    for (const part of secret.split(':')) if (part.length >= 8) out = out.split(part).join('***');
  }
  return out;
}
