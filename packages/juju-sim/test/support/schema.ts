import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { jujuFixture } from './fixtures.js';
import type { Reply } from './wire.js';

type JsonSchema = Record<string, unknown>;

interface FacadeSchema {
  Name: string;
  Version: number;
  Schema: {
    properties: Record<string, { properties?: { Result?: { $ref: string } } }>;
    definitions?: Record<string, JsonSchema>;
  };
}

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * The wire quirks the docs list (the team's Juju API notes, §0 and §5), applied to the official schema so that
 * what is validated is what a real controller sends:
 * - Go nil slices and maps are `null` even where the schema marks the field required;
 * - `Number` (agent-version) is a string on the wire (LP #2025108);
 * - AllWatcher deltas are `[kind, "change"|"remove", entity]` tuples (LP #2025105);
 * - `HostPort` carries the flattened address fields, not the embedded `Address` struct;
 * - Go `interface{}` values (config values, bundle change args, action parameters, status data) are
 *   rendered by the schema generator as `{type: object, additionalProperties: true}`, but the wire carries
 *   any JSON value there (a string option, a number port).
 */
function anyForInterface(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anyForInterface);
  if (typeof node !== 'object' || node === null) return node;
  const record = node as JsonSchema;
  const keys = Object.keys(record);
  if (record.type === 'object' && record.additionalProperties === true && keys.length === 2) return {};
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, anyForInterface(value)]));
}

function applyWireQuirks(definitions: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const copy = anyForInterface(structuredClone(definition)) as JsonSchema;
    const properties = copy.properties as Record<string, JsonSchema> | undefined;
    if (properties) {
      for (const [key, property] of Object.entries(properties)) {
        const isSlice = property.type === 'array';
        const isMap = property.type === 'object' && 'patternProperties' in property;
        if (isSlice || isMap) properties[key] = { anyOf: [property, { type: 'null' }] };
      }
    }
    out[name] = copy;
  }
  if (out.Number) out.Number = { type: 'string', pattern: '^\\d+\\.\\d+' };
  if (out.Delta) {
    out.Delta = {
      type: 'array',
      items: [{ type: 'string' }, { enum: ['change', 'remove'] }, { type: 'object' }],
      minItems: 3,
      additionalItems: false,
    };
  }
  const hostPort = out.HostPort;
  if (hostPort) {
    delete (hostPort.properties as Record<string, unknown>).Address;
    hostPort.required = (hostPort.required as string[]).filter((field) => field !== 'Address');
  }
  return out;
}

export class SchemaChecker {
  private readonly facades = new Map<string, FacadeSchema>();
  private readonly cache = new Map<string, ValidateFunction | null>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false, formats: { 'date-time': DATE_TIME } });

  constructor(file: 'schema-3.6.14.json' | 'schema.json') {
    for (const facade of JSON.parse(readFileSync(jujuFixture(file), 'utf8')) as FacadeSchema[]) {
      this.facades.set(facade.Name, facade);
    }
  }

  version(facade: string): number | undefined {
    return this.facades.get(facade)?.Version;
  }

  /** The validator of a method's Result, or null for void methods; throws for an unknown method. */
  resultValidator(facade: string, method: string): ValidateFunction | null {
    const key = `${facade}.${method}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const schema = this.facades.get(facade);
    const methodSchema = schema?.Schema.properties[method];
    if (!schema || !methodSchema) throw new Error(`${key} is not in the schema`);
    const ref = methodSchema.properties?.Result?.$ref;
    const validator = ref
      ? this.ajv.compile({ $ref: ref, definitions: applyWireQuirks(schema.Schema.definitions ?? {}) })
      : null;
    this.cache.set(key, validator);
    return validator;
  }

  /** Problems with one reply frame: envelope shape, then the response against the method's Result. */
  check(request: Record<string, unknown>, reply: Reply): string[] {
    const facade = String(request.type);
    const method = String(request.request);
    const where = `${facade}(${request.version}).${method} #${reply['request-id']}`;
    const problems: string[] = [];
    if (reply['request-id'] !== request['request-id']) problems.push(`${where}: request-id not echoed`);
    if (request.version !== this.version(facade)) {
      problems.push(`${where}: called at version ${request.version}, schema has ${this.version(facade)}`);
    }
    if (reply.error !== undefined) {
      if (typeof reply.error !== 'string' || reply.error === '')
        problems.push(`${where}: error must be a message`);
      if (reply['error-code'] !== undefined && typeof reply['error-code'] !== 'string')
        problems.push(`${where}: error-code`);
      return problems;
    }
    const validator = this.resultValidator(facade, method);
    if (!validator) {
      if (JSON.stringify(reply.response) !== '{}')
        problems.push(`${where}: void method answered ${JSON.stringify(reply.response)}`);
      return problems;
    }
    if (!validator(reply.response)) {
      for (const error of validator.errors ?? []) {
        problems.push(
          `${where}: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
        );
      }
    }
    return problems;
  }
}
