import { createMaasError } from '../errors/factory.js';

/**
 * MAAS wire encoding (docs/maas-api.md §2): every path ends in `/`, `op` travels in the query string,
 * lists are repeated keys, booleans are `true`/`false`, and bodies are form-encoded — never JSON, because
 * piston turns a JSON body into an empty `request.POST` and many handlers silently ignore it.
 */

export type WireScalar = string | number | boolean;
/** A file part; forces a multipart body. */
export type WireFile = Blob | Uint8Array;
export type WireValue = WireScalar | readonly WireScalar[] | WireFile | null | undefined;
export type WireParams = Readonly<Record<string, WireValue>>;

/** Encodes one interpolated path segment, so ids such as `a/b` or `10.0.0.0/24` stay one segment. */
export function encodeSegment(value: string | number): string {
  const text = String(value);
  if (text.length === 0) throw createMaasError.input('A MAAS id or name in a path must not be empty.');
  // URL parsing resolves `.`/`..` (even percent-encoded) as dot segments, which would change the endpoint.
  if (text === '.' || text === '..') throw createMaasError.input(`"${text}" is not a valid MAAS id or name.`);
  return encodeURIComponent(text);
}

/** Tagged template for API paths: `apiPath\`machines/${id}/\`` encodes every interpolation. */
export function apiPath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += encodeSegment(value) + (strings[i + 1] ?? '');
  });
  return out;
}

export function ensureTrailingSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

function scalarToWire(value: WireScalar): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw createMaasError.input(`MAAS parameters must be finite numbers (got ${value}).`);
    return String(value);
  }
  return value;
}

function isFile(value: unknown): value is WireFile {
  return value instanceof Uint8Array || (typeof Blob !== 'undefined' && value instanceof Blob);
}

/** Flattens params to ordered key/value pairs: arrays repeat the key, null/undefined are left out. */
export function toPairs(params: WireParams | undefined): [string, string][] {
  const pairs: [string, string][] = [];
  if (!params) return pairs;
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (isFile(value))
      throw createMaasError.input(`Parameter "${key}" is a file; it can only go in a POST/PUT body.`);
    if (Array.isArray(value)) {
      for (const item of value as readonly WireScalar[]) pairs.push([key, scalarToWire(item)]);
    } else {
      pairs.push([key, scalarToWire(value as WireScalar)]);
    }
  }
  return pairs;
}

/** Query string with `op` first (MAAS dispatches on it) and the rest as repeated keys. */
export function buildQuery(op: string | undefined, params: WireParams | undefined): string {
  const search = new URLSearchParams();
  if (op) search.append('op', op);
  for (const [key, value] of toPairs(params)) search.append(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export type BodyEncoding = 'urlencoded' | 'multipart';

export interface EncodedBody {
  body: string | FormData;
  /** Set for urlencoded; for multipart the transport lets the encoder set the boundary. */
  contentType: string | undefined;
}

export function hasFiles(params: WireParams | undefined): boolean {
  return !!params && Object.values(params).some(isFile);
}

/** Form body for POST/PUT. An empty body is still sent: piston leaves `request.data` unset without one. */
export function buildBody(params: WireParams | undefined, encoding: BodyEncoding): EncodedBody {
  if (encoding === 'multipart' || hasFiles(params)) {
    const form = new FormData();
    for (const [key, value] of Object.entries(params ?? {})) {
      if (value === undefined || value === null) continue;
      if (isFile(value)) {
        form.append(key, value instanceof Blob ? value : new Blob([value]), key);
      } else if (Array.isArray(value)) {
        for (const item of value as readonly WireScalar[]) form.append(key, scalarToWire(item));
      } else {
        form.append(key, scalarToWire(value as WireScalar));
      }
    }
    return { body: form, contentType: undefined };
  }
  const search = new URLSearchParams();
  for (const [key, value] of toPairs(params)) search.append(key, value);
  return { body: search.toString(), contentType: 'application/x-www-form-urlencoded' };
}
