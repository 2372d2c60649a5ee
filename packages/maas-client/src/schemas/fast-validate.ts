import { Ajv, type ValidateFunction } from 'ajv';
import * as z from 'zod';

/**
 * Zod stays the single source of truth for schemas and error messages; for speed, each schema is also
 * converted once (`z.toJSONSchema`) and compiled by ajv into a check that walks the parsed JSON without
 * allocating. A 5 000-machine list then validates at a fraction of JSON.parse's cost (bench/decode.bench.ts),
 * where zod's own parse, which rebuilds every object, cost more than the parse itself.
 * Only when the fast check fails does zod run, to produce its precise issues.
 */
// Made on first use: building an Ajv instance costs a few milliseconds, and most reads never need one.
let ajv: Ajv | undefined;
const bySchema = new WeakMap<z.ZodType, ValidateFunction | null>();
// Keyed by the JSON Schema text, so equal schemas built afresh (e.g. `z.array(X)` inside a method) share one
// compiled function and ajv's own cache stays bounded by the number of distinct schemas in this package.
const byJson = new Map<string, ValidateFunction>();

/** The compiled check for `schema`, or null when it cannot be expressed as JSON Schema (zod then validates). */
export function fastValidator(schema: z.ZodType): ValidateFunction | null {
  let fn = bySchema.get(schema);
  if (fn === undefined) {
    try {
      const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'throw' });
      const key = JSON.stringify(json);
      ajv ??= new Ajv({ allErrors: false, strict: false, validateSchema: false });
      fn = byJson.get(key) ?? ajv.compile(json);
      byJson.set(key, fn);
    } catch {
      fn = null;
    }
    bySchema.set(schema, fn);
  }
  return fn;
}
