import type { IncomingMessage } from 'node:http';

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

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function parseForm(contentType: string | undefined, body: Buffer): Promise<Params> {
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return new Params();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Params.fromSearch(new URLSearchParams(body.toString('utf8')));
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://maas-sim.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType ?? '' },
      body,
    }).formData();
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
