import { randomUUID } from 'node:crypto';
import type { MaasSim } from '../../src/index.js';

/**
 * A deliberately small MAAS API client for the tests: OAuth 1.0 PLAINTEXT signing, form bodies,
 * trailing-slash paths. It is written from the wire rules in maas-api.md, independently of
 * @edgekit/maas-client, so the simulator is checked against the protocol rather than a peer's code.
 */
export interface WireResponse {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON shapes.
  json: any;
}

export type Form = Record<string, string | number | boolean | (string | number)[]>;

export interface SignOptions {
  apiKey?: string;
  realm?: string;
  nonce?: string;
  timestamp?: number;
  quoted?: boolean;
}

export function oauthHeader(apiKey: string, options: SignOptions = {}): string {
  const [consumerKey = '', tokenKey = '', tokenSecret = ''] = apiKey.split(':');
  const q = (v: string): string => (options.quoted === false ? v : `"${v}"`);
  const parts = [
    ...(options.realm !== undefined ? [`realm=${q(options.realm)}`] : []),
    `oauth_version=${q('1.0')}`,
    `oauth_signature_method=${q('PLAINTEXT')}`,
    `oauth_consumer_key=${q(consumerKey)}`,
    `oauth_token=${q(tokenKey)}`,
    `oauth_signature=${q(options.quoted === false ? `&${tokenSecret}` : `%26${tokenSecret}`)}`,
    `oauth_nonce=${q(options.nonce ?? randomUUID())}`,
    `oauth_timestamp=${q(String(options.timestamp ?? Math.floor(Date.now() / 1000)))}`,
  ];
  return `OAuth ${parts.join(', ')}`;
}

function toSearch(form: Form): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search;
}

function toMultipart(form: Form): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, String(item));
  }
  return data;
}

export class Wire {
  readonly api: string;

  constructor(
    readonly sim: MaasSim,
    readonly apiKey: string = sim.apiKey,
  ) {
    this.api = `${sim.url}api/2.0`;
  }

  async raw(
    method: string,
    url: string,
    init: { body?: string | FormData; headers?: Record<string, string>; sign?: SignOptions | false } = {},
  ): Promise<WireResponse> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.sign !== false)
      headers.Authorization = oauthHeader(init.sign?.apiKey ?? this.apiKey, init.sign ?? {});
    const res = await fetch(url, { method, headers, ...(init.body !== undefined && { body: init.body }) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  get(path: string, query: Form = {}, sign?: SignOptions | false): Promise<WireResponse> {
    const search = toSearch(query).toString();
    return this.raw(
      'GET',
      `${this.api}${path}${search ? `?${search}` : ''}`,
      sign === undefined ? {} : { sign },
    );
  }

  /** POST with `op` in the query string and the parameters as multipart (or urlencoded) form data. */
  post(
    path: string,
    op: string | null,
    form: Form = {},
    encoding: 'multipart' | 'urlencoded' = 'multipart',
  ): Promise<WireResponse> {
    const url = `${this.api}${path}${op ? `?op=${op}` : ''}`;
    if (encoding === 'urlencoded') {
      return this.raw('POST', url, {
        body: toSearch(form).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    }
    return this.raw('POST', url, { body: toMultipart(form) });
  }

  put(path: string, form: Form = {}): Promise<WireResponse> {
    return this.raw('PUT', `${this.api}${path}`, { body: toMultipart(form) });
  }

  delete(path: string, query: Form = {}): Promise<WireResponse> {
    const search = toSearch(query).toString();
    return this.raw('DELETE', `${this.api}${path}${search ? `?${search}` : ''}`);
  }
}

export async function machineByHostname(wire: Wire, hostname: string) {
  const res = await wire.get('/machines/', { hostname });
  const machine = res.json?.[0];
  if (!machine) throw new Error(`no machine ${hostname}`);
  return machine;
}
