// Building blocks for schemas of Go-encoded JSON. Go's encoder writes nil slices and maps as `null`
// and drops omitempty zero values, so a field the schema calls required may be null or absent: it
// decodes to the Go zero value. Optional fields stay optional (and may be null).
import * as z from 'zod';
import { describe, versionString } from './fast.js';

type Schema<T> = z.ZodType<T, unknown>;

export const string: Schema<string> = describe(z.string(), { kind: 'string' });
export const number: Schema<number> = describe(z.number(), { kind: 'number' });
export const boolean: Schema<boolean> = describe(z.boolean(), { kind: 'boolean' });
export const unknown: Schema<unknown> = describe(z.unknown(), { kind: 'unknown' });
export const anyMap: Schema<Record<string, unknown>> = describe(z.record(z.string(), z.unknown()), {
  kind: 'anyMap',
});

/**
 * `version.Number`: the wire sends `"3.6.14"` (LP #2025108) while the schema declares
 * `{Major, Minor, Tag, Patch, Build}`; the object form is formatted the way Go's Number.String does.
 */
export const versionNumber: Schema<string> = describe(
  z.union([
    z.string(),
    z
      .looseObject({
        Major: z.number(),
        Minor: z.number(),
        Tag: z.string(),
        Patch: z.number(),
        Build: z.number(),
      })
      .transform((n) => versionString(n) as string),
  ]),
  { kind: 'version' },
);

export function array<T>(item: Schema<T>): Schema<T[]> {
  return describe(z.array(item), { kind: 'array', inner: item });
}

export function map<T>(value: Schema<T>): Schema<Record<string, T>> {
  return describe(z.record(z.string(), value), { kind: 'map', inner: value });
}

/** A Go struct: unknown keys are kept (new optional fields arrive without a facade bump). */
export function struct<T>(shape: Record<string, z.ZodType>): Schema<T> {
  return describe(z.looseObject(shape), { kind: 'struct', shape }) as unknown as Schema<T>;
}

const ZERO = Symbol('zero');

/** A required field: `null`/absent become the zero value of its type. */
export function required<T>(schema: Schema<T>): Schema<T> {
  let zero: T | typeof ZERO = ZERO;
  const zeroValue = (): T => {
    if (zero === ZERO) zero = zeroOf(schema);
    // Structs, slices and maps are fresh per value so callers can mutate results safely; empty
    // slices and maps (the common case: Go nil) are built as literals, structuredClone is slow.
    if (typeof zero !== 'object' || zero === null) return zero;
    if (Array.isArray(zero)) return (zero.length === 0 ? [] : structuredClone(zero)) as T;
    for (const _ in zero) return structuredClone(zero) as T;
    return {} as T;
  };
  // nullish() (not a union with undefined) so that an object treats the key as possibly absent.
  const field = schema
    .nullish()
    .transform((value) =>
      value === null || value === undefined ? zeroValue() : value,
    ) as unknown as Schema<T>;
  return describe(field, { kind: 'required', inner: schema, zero: zeroValue });
}

/** An optional field: may be absent or null. */
export function optional<T>(schema: Schema<T>): Schema<T | null | undefined> {
  return describe(schema.nullish() as Schema<T | null | undefined>, { kind: 'optional', inner: schema });
}

function zeroOf<T>(schema: Schema<T>): T {
  const def = (schema as z.ZodType)._zod.def;
  switch (def.type) {
    case 'string':
      return '' as T;
    case 'number':
      return 0 as T;
    case 'boolean':
      return false as T;
    case 'array':
      return [] as T;
    case 'record':
      return {} as T;
    case 'union':
      return zeroOf((def as z.core.$ZodUnionDef).options[0] as Schema<T>);
    case 'lazy':
      return zeroOf((def as z.core.$ZodLazyDef).getter() as Schema<T>);
    case 'object':
      return schema.parse({});
    default:
      return undefined as T;
  }
}
