/**
 * OAuth 1.0 PLAINTEXT verification as MAAS does it through piston3: consumer, token, timestamp window,
 * nonce reuse, then the signature `&<token_secret>` (consumer secret is always empty).
 */
export interface TokenRecord {
  name: string;
  consumerKey: string;
  tokenKey: string;
  tokenSecret: string;
  username: string;
}

import { pyRepr } from '../python-repr.js';

export const TIMESTAMP_THRESHOLD_SECONDS = 300;

const REQUIRED = [
  'oauth_consumer_key',
  'oauth_token',
  'oauth_signature_method',
  'oauth_signature',
  'oauth_timestamp',
  'oauth_nonce',
] as const;

export function parseOAuthHeader(header: string): Record<string, string> | null {
  const match = /^\s*OAuth\s+(.*)$/is.exec(header);
  if (!match) return null;
  const params: Record<string, string> = {};
  for (const part of (match[1] ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      params[key] = decodeURIComponent(value);
    } catch {
      params[key] = value;
    }
  }
  return params;
}

export type OAuthOutcome =
  | { ok: true; token: TokenRecord }
  | { ok: false; status: 400 | 401; message: string };

/** Remembers nonces for the timestamp window so a replayed request is refused. */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  /** Returns false when the nonce was already used by this consumer/token. */
  claim(key: string, nowSeconds: number): boolean {
    if (this.seen.size > 10_000) this.prune(nowSeconds);
    if (this.seen.has(key)) return false;
    this.seen.set(key, nowSeconds);
    return true;
  }

  used(key: string): boolean {
    return this.seen.has(key);
  }

  private prune(nowSeconds: number): void {
    for (const [key, at] of this.seen) {
      if (nowSeconds - at > TIMESTAMP_THRESHOLD_SECONDS * 2) this.seen.delete(key);
    }
  }
}

// piston wraps OAuth errors as `Authorization Error: %r`, i.e. Python's repr of the message.
const authError = (message: string): OAuthOutcome => ({
  ok: false,
  status: 401,
  message: `Authorization Error: ${pyRepr(message)}`,
});

export function verifyOAuth(
  params: Record<string, string>,
  tokens: {
    hasConsumer(consumerKey: string): boolean;
    find(consumerKey: string, tokenKey: string): TokenRecord | undefined;
  },
  nonces: NonceStore,
  nowSeconds: number,
): OAuthOutcome {
  const missing = REQUIRED.filter((key) => params[key] === undefined);
  if (missing.length > 0) {
    return {
      ok: false,
      status: 400,
      message: `Bad Request: Missing OAuth parameter(s): ${missing.join(', ')}`,
    };
  }
  const consumerKey = params.oauth_consumer_key ?? '';
  const tokenKey = params.oauth_token ?? '';
  const token = tokens.find(consumerKey, tokenKey);
  if (!token) {
    return !tokens.hasConsumer(consumerKey)
      ? { ok: false, status: 401, message: 'Authorization Error: Invalid API key.' }
      : authError(`Invalid access token: ${tokenKey}`);
  }
  // Decimal seconds only, as every client sends: Python's int() raises on hex (`0x…`), and a padded or
  // signed value is not what a signer produces. The sim answers 401 for anything else (issue 14).
  const rawTimestamp = params.oauth_timestamp ?? '';
  if (!/^[0-9]{1,12}$/.test(rawTimestamp)) {
    return authError(`Invalid timestamp: ${rawTimestamp} (expected decimal seconds since the epoch)`);
  }
  const timestamp = Number(rawTimestamp);
  if (Math.abs(nowSeconds - timestamp) > TIMESTAMP_THRESHOLD_SECONDS) {
    return authError(
      `Expired timestamp: given ${rawTimestamp} and now ${nowSeconds} has a greater difference than threshold ${TIMESTAMP_THRESHOLD_SECONDS}`,
    );
  }
  const nonce = params.oauth_nonce ?? '';
  const nonceKey = `${consumerKey}:${tokenKey}:${nonce}`;
  if (nonces.used(nonceKey)) return authError(`Nonce already used: ${nonce}`);
  const method = params.oauth_signature_method ?? '';
  if (method !== 'PLAINTEXT') {
    return authError(`Signature method ${method} not supported try one of the following: PLAINTEXT`);
  }
  if (params.oauth_signature !== `&${token.tokenSecret}`) {
    return authError('Invalid signature.');
  }
  // Only a request that verified uses up its nonce: a forged request with a guessed nonce must not
  // lock the real client out (piston records the nonce before checking the signature).
  nonces.claim(nonceKey, nowSeconds);
  return { ok: true, token };
}
