import { createMaasError } from '../errors/factory.js';

/** A MAAS API key split into its three OAuth 1.0 parts (the consumer secret is always empty). */
export interface MaasApiKey {
  consumerKey: string;
  tokenKey: string;
  tokenSecret: string;
}

/**
 * Splits `consumer_key:token_key:token_secret` as `maas login` and the UI print it.
 * Fails before any request so a typo never reaches the server; the message never echoes the key.
 */
export function parseApiKey(apiKey: string): MaasApiKey {
  if (typeof apiKey !== 'string') {
    throw createMaasError.config('MAAS API key must be a string "consumer_key:token_key:token_secret".');
  }
  const parts = apiKey.trim().split(':');
  if (parts.length !== 3 || parts.some((part) => part.length === 0)) {
    throw createMaasError.config(
      `MAAS API key must have three non-empty parts "consumer_key:token_key:token_secret" (got ${parts.length} part(s)); copy it from the MAAS UI (user preferences → API keys) or run "maas apikey --username <user>".`,
    );
  }
  const [consumerKey, tokenKey, tokenSecret] = parts as [string, string, string];
  return { consumerKey, tokenKey, tokenSecret };
}

export function formatApiKey(key: MaasApiKey): string {
  return `${key.consumerKey}:${key.tokenKey}:${key.tokenSecret}`;
}
