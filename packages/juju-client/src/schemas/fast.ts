// A fast path for decoding replies. The zod schemas built by go.ts are the contract; alongside each
// one go.ts records a small descriptor, and this module compiles the descriptors into closures that
// check a freshly JSON.parse'd value in place (filling Go zero values exactly as the zod transforms
// do) instead of copying it. Any value the fast path rejects is handed to zod, which then reports
// precise issues; tests assert both paths produce equal results. Why: zod alone costs ~5x JSON.parse
// on a 1 000-unit FullStatus; the budget is 1.5x.
import type * as z from 'zod';

export const FAIL: unique symbol = Symbol('fast-decode-fail');
/** Returns the decoded value (often the same object, mutated) or FAIL. */
export type Checker = (value: unknown) => unknown;

export type Descriptor =
  | { kind: 'string' | 'number' | 'boolean' | 'unknown' | 'anyMap' | 'version' }
  | { kind: 'array' | 'map' | 'optional'; inner: z.ZodType }
  | { kind: 'required'; inner: z.ZodType; zero: () => unknown }
  | { kind: 'struct'; shape: Record<string, z.ZodType> }
  | { kind: 'custom'; build: (compile: (schema: z.ZodType) => Checker | undefined) => Checker | undefined };

const descriptors = new WeakMap<object, Descriptor>();
const compiled = new WeakMap<object, Checker | null>();

/** Records how `schema` can be checked fast; returns the schema for chaining. */
export function describe<S extends z.ZodType>(schema: S, descriptor: Descriptor): S {
  descriptors.set(schema, descriptor);
  return schema;
}

/** The compiled fast checker of a schema, or undefined when it has a shape the fast path does not cover. */
export function fastChecker(schema: z.ZodType): Checker | undefined {
  return compile(schema);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compile(schema: z.ZodType): Checker | undefined {
  const cached = compiled.get(schema);
  if (cached !== undefined) return cached ?? undefined;
  const descriptor = descriptors.get(schema);
  const def = (schema as z.ZodType)._zod.def as { type: string; getter?: () => z.ZodType };
  if (!descriptor && def.type === 'lazy' && def.getter) {
    const getter = def.getter;
    let inner: Checker | undefined;
    const lazy: Checker = (value) => {
      if (!inner) inner = compile(getter()) ?? (() => FAIL);
      return inner(value);
    };
    compiled.set(schema, lazy);
    return lazy;
  }
  if (!descriptor) {
    compiled.set(schema, null);
    return undefined;
  }
  // Break cycles: a recursive reference sees this forwarding checker until the real one is built.
  let real: Checker | undefined;
  compiled.set(schema, (value) => (real ? real(value) : FAIL));
  real = build(descriptor);
  compiled.set(schema, real ?? null);
  return real;
}

function build(d: Descriptor): Checker | undefined {
  switch (d.kind) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : FAIL);
    case 'number':
      return (v) => (typeof v === 'number' ? v : FAIL);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'unknown':
      return (v) => v;
    case 'anyMap':
      return (v) => (isMap(v) ? v : FAIL);
    case 'version':
      return (v) => (typeof v === 'string' ? v : versionString(v));
    case 'optional': {
      const inner = compile(d.inner);
      return inner && ((v) => (v === null || v === undefined ? v : inner(v)));
    }
    case 'required': {
      const inner = compile(d.inner);
      return inner && ((v) => (v === null || v === undefined ? d.zero() : inner(v)));
    }
    case 'array': {
      const kind = descriptors.get(d.inner)?.kind;
      if (kind === 'unknown') return (v) => (Array.isArray(v) ? v : FAIL);
      if (kind === 'string' || kind === 'number' || kind === 'boolean') {
        return (v) => {
          if (!Array.isArray(v)) return FAIL;
          for (let i = 0; i < v.length; i += 1) if (typeof v[i] !== kind) return FAIL;
          return v;
        };
      }
      const item = compile(d.inner);
      return (
        item &&
        ((v) => {
          if (!Array.isArray(v)) return FAIL;
          for (let i = 0; i < v.length; i += 1) {
            const before = v[i];
            const after = item(before);
            if (after === FAIL) return FAIL;
            if (after !== before) v[i] = after;
          }
          return v;
        })
      );
    }
    case 'map': {
      const kind = descriptors.get(d.inner)?.kind;
      if (kind === 'unknown') return (v) => (isMap(v) ? v : FAIL);
      const value = compile(d.inner);
      return (
        value &&
        ((v) => {
          if (!isMap(v)) return FAIL;
          for (const key in v) {
            const before = v[key];
            const after = value(before);
            if (after === FAIL) return FAIL;
            if (after !== before) v[key] = after;
          }
          return v;
        })
      );
    }
    case 'struct':
      return buildStruct(d.shape);
    case 'custom':
      return d.build(compile);
  }
}

/** Go's version.Number.String for the schema's object form. */
export function versionString(v: unknown): string | typeof FAIL {
  if (!isMap(v)) return FAIL;
  const { Major, Minor, Tag, Patch, Build } = v;
  if (typeof Major !== 'number' || typeof Minor !== 'number' || typeof Patch !== 'number') return FAIL;
  if (typeof Tag !== 'string' || typeof Build !== 'number') return FAIL;
  const core = Tag ? `${Major}.${Minor}-${Tag}${Patch}` : `${Major}.${Minor}.${Patch}`;
  return Build > 0 ? `${core}.${Build}` : core;
}

const PRIMITIVE_ZERO: Record<string, string> = { string: "''", number: '0', boolean: 'false' };

/**
 * Structs are compiled to specialised code (as zod's and ajv's JIT do): literal property names keep
 * V8's inline caches monomorphic, and primitive fields are checked inline instead of through a call.
 */
function buildStruct(shape: Record<string, z.ZodType>): Checker | undefined {
  const helpers: Checker[] = [];
  const zeros: (() => unknown)[] = [];
  const lines: string[] = [
    "if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;",
    'let x, r;',
  ];
  for (const [key, schema] of Object.entries(shape)) {
    const k = JSON.stringify(key);
    const field = descriptors.get(schema);
    const inner =
      field && (field.kind === 'required' || field.kind === 'optional')
        ? descriptors.get(field.inner)
        : undefined;
    const primitive = inner && PRIMITIVE_ZERO[inner.kind] !== undefined ? inner.kind : undefined;
    if (field && primitive) {
      lines.push(`x = v[${k}];`);
      if (field.kind === 'required') {
        lines.push(
          `if (typeof x !== '${primitive}') { if (x == null) v[${k}] = ${PRIMITIVE_ZERO[primitive]}; else return FAIL; }`,
        );
      } else {
        lines.push(`if (x != null && typeof x !== '${primitive}') return FAIL;`);
      }
      continue;
    }
    if (field && (field.kind === 'required' || field.kind === 'optional')) {
      // Null handling inline; the call goes straight to the inner checker.
      const check = compile(field.inner);
      if (!check) return undefined;
      helpers.push(check);
      const h = `h[${helpers.length - 1}]`;
      if (field.kind === 'required') {
        zeros.push(field.zero);
        lines.push(`x = v[${k}]; if (x == null) v[${k}] = z[${zeros.length - 1}]();`);
      } else {
        lines.push(`x = v[${k}]; if (x == null) {}`);
      }
      lines.push(`else { r = ${h}(x); if (r === FAIL) return FAIL; if (r !== x) v[${k}] = r; }`);
      continue;
    }
    const check = compile(schema);
    if (!check) return undefined;
    helpers.push(check);
    lines.push(
      `x = v[${k}]; r = h[${helpers.length - 1}](x); if (r === FAIL) return FAIL; if (r !== x) v[${k}] = r;`,
    );
  }
  lines.push('return v;');
  // Only property names from our own schema definitions reach this source text (JSON-quoted).
  const factory = new Function('h', 'z', 'FAIL', `return function check(v) {\n${lines.join('\n')}\n};`) as (
    h: Checker[],
    z: (() => unknown)[],
    fail: typeof FAIL,
  ) => Checker;
  return factory(helpers, zeros, FAIL);
}
