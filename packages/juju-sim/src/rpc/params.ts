import { badRequest } from './errors.js';

/**
 * Small readers for facade params: Go's JSON decoding silently zero-values bad fields, but a simulator
 * serves better by naming the field that was wrong and what it expected.
 */
export type Params = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `a ${typeof value}`;
}

export function asObject(value: unknown, field: string): Params {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`${field}: expected an object, got ${describe(value)}`);
  }
  return value as Params;
}

export function optString(params: Params, field: string): string | undefined {
  const value = params[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`${field}: expected a string, got ${describe(value)}`);
  return value;
}

export function reqString(params: Params, field: string): string {
  const value = optString(params, field);
  if (value === undefined) throw badRequest(`${field}: required string is missing or empty`);
  return value;
}

export function optNumber(params: Params, field: string): number | undefined {
  const value = params[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badRequest(`${field}: expected a number, got ${describe(value)}`);
  }
  return value;
}

export function optBool(params: Params, field: string): boolean {
  const value = params[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw badRequest(`${field}: expected a boolean, got ${describe(value)}`);
  return value;
}

export function arrayOf(params: Params, field: string): unknown[] {
  const value = params[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`${field}: expected an array, got ${describe(value)}`);
  return value;
}

export function objectsOf(params: Params, field: string): Params[] {
  return arrayOf(params, field).map((item, index) => asObject(item, `${field}[${index}]`));
}

export function stringsOf(params: Params, field: string): string[] {
  return arrayOf(params, field).map((item, index) => {
    if (typeof item !== 'string')
      throw badRequest(`${field}[${index}]: expected a string, got ${describe(item)}`);
    return item;
  });
}

export function stringMap(params: Params, field: string): Record<string, string> {
  const map = asObject(params[field], field);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string')
      throw badRequest(`${field}.${key}: expected a string, got ${describe(value)}`);
    out[key] = value;
  }
  return out;
}

/** Parses a Juju tag of the given kind (`unit-etcd-0`, `machine-3`, `application-etcd`, `model-<uuid>`). */
export function parseTag(tag: string, kind: string): string {
  const prefix = `${kind}-`;
  if (!tag.startsWith(prefix) || tag.length === prefix.length) {
    throw badRequest(`${JSON.stringify(tag)} is not a valid ${kind} tag (expected "${prefix}<id>")`);
  }
  return tag.slice(prefix.length);
}

/** `unit-kubernetes-worker-2` -> `kubernetes-worker/2` (the unit number is the last dash-separated part). */
export function unitNameFromTag(tag: string): string {
  const rest = parseTag(tag, 'unit');
  const cut = rest.lastIndexOf('-');
  if (cut <= 0 || !/^\d+$/.test(rest.slice(cut + 1))) {
    throw badRequest(
      `${JSON.stringify(tag)} is not a valid unit tag (expected "unit-<application>-<number>")`,
    );
  }
  return `${rest.slice(0, cut)}/${rest.slice(cut + 1)}`;
}

export const unitTag = (unitName: string) => `unit-${unitName.replace('/', '-')}`;
