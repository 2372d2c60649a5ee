/**
 * Removes credentials from any text that could reach a log, an error or a snapshot. MAAS itself echoes the
 * token key in some 401 bodies (`Invalid access token: <key>`), so server text is redacted too.
 */
export const REDACTED = '[REDACTED]';

export class Redactor {
  readonly #secrets: string[];

  constructor(secrets: Iterable<string | undefined>) {
    // Longest first so a secret containing another is removed whole; very short strings are not
    // redacted because they would shred ordinary words.
    this.#secrets = [...new Set([...secrets].filter((s): s is string => !!s && s.length >= 4))].sort(
      (a, b) => b.length - a.length,
    );
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
  with(more: Iterable<string | undefined>): Redactor {
    return new Redactor([...this.#secrets, ...more]);
  }
}

export const noSecrets = new Redactor([]);
