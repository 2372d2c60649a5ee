/**
 * The one redaction rule of the workspace. A secret is any string a client holds (an API key, a
 * password, a token) and each colon-separated part of it of eight characters or more (a MAAS API key is
 * consumer:token:secret, and MAAS quotes the token key alone in some 401 bodies). It is replaced by the
 * one marker wherever it appears, raw or URL-encoded, longest first so a secret containing another goes
 * whole. Strings shorter than four characters are not hidden: replacing them would shred ordinary words.
 */
export const REDACTED = '[redacted]';

const MIN_SECRET_LENGTH = 4;

export class Redactor {
  readonly #secrets: readonly string[];

  constructor(secrets: Iterable<string | undefined | null>) {
    const given = [...secrets].filter((s): s is string => typeof s === 'string');
    const parts = given.flatMap((s) => (s.includes(':') ? s.split(':').filter((p) => p.length >= 8) : []));
    const kept = [...given, ...parts].filter((s) => s.length >= MIN_SECRET_LENGTH);
    this.#secrets = [...new Set(kept)].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.#secrets.length;
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(REDACTED);
    }
    return out;
  }

  /** A redactor that also hides `more` (e.g. a password used only for one login call). */
  with(more: Iterable<string | undefined | null>): Redactor {
    return new Redactor([...this.#secrets, ...more]);
  }
}

export const noSecrets = new Redactor([]);

/**
 * A deep copy of `value` with the value of every key named in `keys` (compared lower-case) replaced by
 * the marker: for structured data (wire frames, options) whose secret fields are known by name.
 */
export function redactKeys(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => redactKeys(item, keys));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const secret = keys.has(key.toLowerCase()) && inner !== '' && inner != null;
    out[key] = secret ? REDACTED : redactKeys(inner, keys);
  }
  return out;
}
