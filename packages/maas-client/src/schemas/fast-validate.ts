import type { Ajv, ValidateFunction } from 'ajv';
import * as z from 'zod';

/**
 * Zod stays the single source of truth for schemas and error messages; for speed, each schema is also
 * converted once (`z.toJSONSchema`) and compiled by ajv into a check that walks the parsed JSON without
 * allocating. A 5 000-machine list then validates at a fraction of JSON.parse's cost (bench/decode.bench.ts),
 * where zod's own parse, which rebuilds every object, cost more than the parse itself.
 * Only when the fast check fails does zod run, to produce its precise issues.
 */
// ajv (~260 KB of code) loads with the first long list, not with this package: most reads never need it,
// and importing it cost a program's start ~16 ms (the TUI's first read, measured).
let ajv: Ajv | undefined;
let loading: Promise<void> | undefined;
const bySchema = new WeakMap<z.ZodType, ValidateFunction | null>();
// Keyed by the JSON Schema text, so equal schemas built afresh (e.g. `z.array(X)` inside a method) share one
// compiled function and ajv's own cache stays bounded by the number of distinct schemas in this package.
const byJson = new Map<string, ValidateFunction>();

/** Loads ajv, once; afterwards fastValidator compiles. A failed load leaves validation to zod. */
export function loadFastValidation(): Promise<void> {
  // Through the default export: ajv is CommonJS, and a bundle that inlines it (the edgekit bin) exposes
  // only its module.exports there, with no named exports; module.exports.Ajv is the class everywhere.
  loading ??= import('ajv').then(
    ({ default: ajvExports }) => {
      ajv = new ajvExports.Ajv({ allErrors: false, strict: false, validateSchema: false });
    },
    () => undefined,
  );
  return loading;
}

/**
 * The compiled check for `schema`, or null when zod validates instead: the schema cannot be expressed as
 * JSON Schema, or ajv has not loaded yet (this starts loading it; async callers await loadFastValidation).
 */
export function fastValidator(schema: z.ZodType): ValidateFunction | null {
  if (ajv === undefined) {
    void loadFastValidation();
    return null;
  }
  let fn = bySchema.get(schema);
  if (fn === undefined) {
    try {
      const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'throw' });
      const key = JSON.stringify(json);
      fn = byJson.get(key) ?? ajv.compile(json);
      byJson.set(key, fn);
    } catch {
      fn = null;
    }
    bySchema.set(schema, fn);
  }
  return fn;
}
