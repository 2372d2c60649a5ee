import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from '../errors.js';

/**
 * The largest request body the simulator reads. MAAS's biggest legitimate bodies are deploy user data
 * and script uploads (tens of KB); 10 MiB leaves room for any of them while an unbounded body (100 MB
 * was read and parsed before) cannot make the simulator buffer it.
 */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export const bodyTooLarge = (limit: number): ApiError =>
  new ApiError(413, `Request body too large: the limit is ${limit} bytes.`, { Connection: 'close' });

/**
 * Request parameters the way Django/piston hands them to MAAS handlers: a multi-valued map.
 * GET/DELETE read the query string; POST/PUT read the form body (urlencoded or multipart).
 * A JSON body is ignored, as piston's Mimer leaves `request.POST` empty for it.
 */
export class Params {
  constructor(private readonly values: Map<string, string[]> = new Map()) {}

  static fromSearch(search: URLSearchParams): Params {
    const map = new Map<string, string[]>();
    for (const [key, value] of search) {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    }
    return new Params(map);
  }

  get(key: string): string | undefined {
    return this.values.get(key)?.[0];
  }

  all(key: string): string[] {
    return this.values.get(key) ?? [];
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  /** Values of a list parameter, accepting both repeated keys and comma-separated strings. */
  list(key: string): string[] {
    return this.all(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }

  /** formencode `StringBool`: true/false, 1/0, yes/no, on/off. */
  bool(key: string, fallback: boolean): boolean {
    const raw = this.get(key);
    if (raw === undefined || raw === '') return fallback;
    return ['true', '1', 'yes', 'on'].includes(raw.toLowerCase());
  }
}

/** Reads the body, refusing (413) one that declares or turns out to be larger than `limit`. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw bodyTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw bodyTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function parseForm(contentType: string | undefined, body: Buffer): Promise<Params> {
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return new Params();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Params.fromSearch(new URLSearchParams(body.toString('utf8')));
  }
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Request('http://maas-sim.invalid/', {
        method: 'POST',
        headers: { 'content-type': contentType ?? '' },
        body,
      }).formData();
    } catch {
      // Django answers a body its MultiPartParser cannot read with 400, never a server error.
      throw badRequest(
        'Malformed multipart/form-data body: check the boundary in Content-Type and the part headers.',
      );
    }
    const map = new Map<string, string[]>();
    for (const [key, value] of form) {
      const text = typeof value === 'string' ? value : await value.text();
      const list = map.get(key);
      if (list) list.push(text);
      else map.set(key, [text]);
    }
    return new Params(map);
  }
  return new Params();
}
