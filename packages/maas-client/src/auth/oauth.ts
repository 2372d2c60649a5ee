import { randomBytes } from 'node:crypto';
import type { MaasApiKey } from './api-key.js';

/** RFC 5849 §3.6 percent-encoding: RFC 3986 unreserved characters stay, everything else is %XX. */
export function oauthEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface OAuthNonceSource {
  nonce(): string;
  /** Unix time in whole seconds. */
  timestamp(): number;
}

export const defaultNonceSource: OAuthNonceSource = {
  nonce: () => randomBytes(16).toString('hex'),
  timestamp: () => Math.floor(Date.now() / 1000),
};

/**
 * OAuth 1.0 PLAINTEXT `Authorization` header as MAAS (piston/oauthlib) checks it. PLAINTEXT signs neither
 * URL nor body, so the signature is just `<consumer secret>&<token secret>` with an empty consumer secret.
 * MAAS stores nonces and rejects a replay, so callers must build a new header for every attempt.
 */
export function buildOAuthHeader(key: MaasApiKey, source: OAuthNonceSource = defaultNonceSource): string {
  const params: [string, string][] = [
    ['oauth_version', '1.0'],
    ['oauth_signature_method', 'PLAINTEXT'],
    ['oauth_consumer_key', key.consumerKey],
    ['oauth_token', key.tokenKey],
    ['oauth_signature', `&${oauthEncode(key.tokenSecret)}`],
    ['oauth_nonce', source.nonce()],
    ['oauth_timestamp', String(source.timestamp())],
  ];
  return `OAuth realm="", ${params.map(([k, v]) => `${k}="${oauthEncode(v)}"`).join(', ')}`;
}
