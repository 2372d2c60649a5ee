// Generates src/schemas/generated.ts from the official client-group schemas (Juju 3.6.14 and 4.0.12).
// Run: pnpm --filter @edgekit/juju-client generate  (reads fixtures/juju).
// One TypeScript interface and one zod schema per definition reachable from the methods the SDK
// exposes, merged across both versions, with the documented wire quirks applied:
//  - Go nil slices/maps arrive as `null`, omitempty fields are absent: required fields decode to the
//    Go zero value, optional ones stay optional (and may be null);
//  - objects are loose: new optional fields appear without a facade bump;
//  - `Number` (agent-version) is a string on the wire (LP #2025108);
//  - embedded Go structs (HostPort.Address, …) are flattened on the wire: the nested property is dropped.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturePath } from '@edgekit/fixtures';
import { EXPOSED_METHODS } from '../src/schemas/methods.js';

interface JsonSchema {
  type?: string;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  format?: string;
}
interface Facade {
  Name: string;
  Version: number;
  Schema: { properties: Record<string, JsonSchema>; definitions?: Record<string, JsonSchema> };
}

const here = dirname(fileURLToPath(import.meta.url));
const shared = fixturePath('juju');
const files = ['schema-3.6.14.json', 'schema.json'];
const versions = files.map((file) => JSON.parse(readFileSync(join(shared, file), 'utf8')) as Facade[]);

// Collect every definition reachable from an exposed method, per schema file.
const perFile: Map<string, JsonSchema>[] = versions.map((facades) => {
  const found = new Map<string, JsonSchema>();
  for (const facade of facades) {
    const methods = EXPOSED_METHODS[facade.Name];
    if (!methods) continue;
    const defs = facade.Schema.definitions ?? {};
    const visit = (schema: JsonSchema | undefined): void => {
      if (!schema) return;
      if (schema.$ref) {
        const name = schema.$ref.replace('#/definitions/', '');
        if (found.has(name) || !defs[name]) return;
        found.set(name, defs[name]);
        visit(defs[name]);
        return;
      }
      for (const p of Object.values(schema.properties ?? {})) visit(p);
      for (const p of Object.values(schema.patternProperties ?? {})) visit(p);
      if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties);
      visit(schema.items);
    };
    for (const method of methods) {
      const spec = facade.Schema.properties[method];
      visit(spec?.properties?.Params);
      visit(spec?.properties?.Result);
    }
  }
  return found;
});

// Merge: a property is required only when every version that has the definition requires it.
interface Prop {
  schemas: JsonSchema[];
  required: boolean;
}
const merged = new Map<string, Map<string, Prop> | 'opaque' | 'number-string'>();
const allNames = [...new Set(perFile.flatMap((m) => [...m.keys()]))].sort();
for (const name of allNames) {
  if (name === 'Number') {
    merged.set(name, 'number-string');
    continue;
  }
  const variants = perFile.map((m) => m.get(name)).filter((d): d is JsonSchema => d !== undefined);
  if (variants.every((d) => !d.properties || Object.keys(d.properties).length === 0)) {
    merged.set(name, 'opaque');
    continue;
  }
  const props = new Map<string, Prop>();
  for (const def of variants) {
    for (const [key, schema] of Object.entries(def.properties ?? {})) {
      if (isEmbedded(key, schema, def, name)) continue;
      const prop = props.get(key) ?? { schemas: [], required: true };
      if (!prop.schemas.some((s) => JSON.stringify(s) === JSON.stringify(schema))) prop.schemas.push(schema);
      props.set(key, prop);
    }
  }
  for (const [key, prop] of props) {
    prop.required = variants.every(
      (def) => def.required?.includes(key) && def.properties?.[key] !== undefined,
    );
  }
  merged.set(name, props);
}

function isEmbedded(key: string, schema: JsonSchema, parent: JsonSchema, parentName: string): boolean {
  if (!schema.$ref || key[0] !== key[0]?.toUpperCase() || key[0] === key[0]?.toLowerCase()) return false;
  const target = schema.$ref.replace('#/definitions/', '');
  const def = perFile.map((m) => m.get(target)).find((d) => d !== undefined);
  const inner = Object.keys(def?.properties ?? {});
  const flattened = inner.length > 0 && inner.every((k) => parent.properties?.[k] !== undefined);
  if (flattened) console.log(`dropping embedded ${parentName}.${key} (${target} is flattened on the wire)`);
  return flattened;
}

// Emit in dependency order; a reference back into the current DFS path becomes z.lazy.
const emitted = new Set<string>();
const onPath = new Set<string>();
const out: string[] = [];

function refName(schema: JsonSchema): string | undefined {
  return schema.$ref?.replace('#/definitions/', '');
}

function tsType(schema: JsonSchema): string {
  const ref = refName(schema);
  if (ref) return ref;
  if (schema.type === 'string') return 'string';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'array') return `${wrap(tsType(schema.items ?? {}))}[]`;
  if (schema.type === 'object') {
    const value = schema.patternProperties?.['.*'];
    if (value) return `Record<string, ${tsType(value)}>`;
    // schemagen writes Go's interface{} as an open object; real values are any JSON (e.g. numbers).
    return schema.additionalProperties === true ? 'unknown' : 'Record<string, unknown>';
  }
  return 'unknown';
}

function wrap(type: string): string {
  return type.includes('|') ? `(${type})` : type;
}

function zodExpr(schema: JsonSchema, required: boolean): string {
  const ref = refName(schema);
  if (ref) {
    const inner = onPath.has(ref) ? `z.lazy(() => ${ref})` : ref;
    return required ? `go.required(${inner})` : `go.optional(${inner})`;
  }
  const base = zodBase(schema);
  return required ? `go.required(${base})` : `go.optional(${base})`;
}

function zodBase(schema: JsonSchema): string {
  if (schema.type === 'string') return 'go.string';
  if (schema.type === 'integer' || schema.type === 'number') return 'go.number';
  if (schema.type === 'boolean') return 'go.boolean';
  if (schema.type === 'array') return `go.array(${itemExpr(schema.items ?? {})})`;
  if (schema.type === 'object') {
    const value = schema.patternProperties?.['.*'];
    if (value) return `go.map(${itemExpr(value)})`;
    return schema.additionalProperties === true ? 'go.unknown' : 'go.anyMap';
  }
  return 'go.unknown';
}

function itemExpr(schema: JsonSchema): string {
  const ref = refName(schema);
  if (ref) return onPath.has(ref) ? `z.lazy(() => ${ref})` : ref;
  return zodBase(schema);
}

function deps(schema: JsonSchema): string[] {
  const ref = refName(schema);
  if (ref) return [ref];
  return [
    ...Object.values(schema.patternProperties ?? {}).flatMap(deps),
    ...(schema.items ? deps(schema.items) : []),
  ];
}

function emit(name: string): void {
  if (emitted.has(name) || onPath.has(name)) return;
  const def = merged.get(name);
  if (def === undefined) throw new Error(`definition ${name} missing`);
  onPath.add(name);
  if (def instanceof Map)
    for (const prop of def.values()) for (const s of prop.schemas) for (const d of deps(s)) emit(d);
  onPath.delete(name);
  onPath.add(name); // self references inside this definition are lazy
  if (def === 'opaque') {
    out.push(`export type ${name} = Record<string, unknown>;`);
    out.push(`export const ${name}: z.ZodType<${name}, unknown> = go.anyMap;`);
  } else if (def === 'number-string') {
    out.push(
      "/** Juju version numbers are strings on the wire (LP #2025108); the schema's object form is accepted too. */",
    );
    out.push(`export type ${name} = string;`);
    out.push(`export const ${name}: z.ZodType<${name}, unknown> = go.versionNumber;`);
  } else {
    const fields: string[] = [];
    const shape: string[] = [];
    for (const [key, prop] of [...def.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const type = prop.schemas.map(tsType).join(' | ');
      const expr =
        prop.schemas.length === 1
          ? zodExpr(prop.schemas[0]!, prop.required)
          : `go.${prop.required ? 'required' : 'optional'}(z.union([${prop.schemas.map(itemExpr).join(', ')}]))`;
      fields.push(prop.required ? `  '${key}': ${type};` : `  '${key}'?: ${wrap(type)} | null | undefined;`);
      shape.push(`  '${key}': ${expr},`);
    }
    out.push(`export interface ${name} {\n${fields.join('\n')}\n}`);
    out.push(`export const ${name}: z.ZodType<${name}, unknown> = go.struct({\n${shape.join('\n')}\n});`);
  }
  onPath.delete(name);
  emitted.add(name);
}

for (const name of allNames) emit(name);

const header = `// GENERATED by scripts/generate-schemas.ts from the official Juju client schemas
// (3.6.14 and 4.0.12, see fixtures/juju/SOURCES.md). Do not edit by hand.
/* biome-ignore-all lint: generated */
import * as z from 'zod';
import * as go from './go.js';
`;
writeFileSync(join(here, '..', 'src', 'schemas', 'generated.ts'), `${header}\n${out.join('\n\n')}\n`);
console.log(`wrote ${emitted.size} definitions`);
