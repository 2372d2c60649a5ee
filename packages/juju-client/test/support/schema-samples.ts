// Generates values that are valid against an official Juju JSON schema definition, so the client's
// zod schemas can be checked against every field the schema knows. `full` fills optional fields too;
// otherwise only required ones are produced.
export interface JsonSchema {
  type?: string;
  $ref?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
}

export function sample(
  schema: JsonSchema,
  definitions: Record<string, JsonSchema>,
  options: { full: boolean },
  depth = 0,
): unknown {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    const def = definitions[name];
    if (!def) throw new Error(`missing definition ${name}`);
    return sample(def, definitions, options, depth + 1);
  }
  switch (schema.type) {
    case 'string':
      return schema.format === 'date-time' ? '2026-01-02T03:04:05.123456789Z' : 'text';
    case 'integer':
      return 3;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'array':
      return depth > 6 ? [] : [sample(schema.items ?? {}, definitions, options, depth + 1)];
    case 'object': {
      const pattern = schema.patternProperties?.['.*'];
      if (pattern) return depth > 6 ? {} : { key: sample(pattern, definitions, options, depth + 1) };
      if (!schema.properties) return schema.additionalProperties === true ? { any: 'value', n: 1 } : {};
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties)) {
        if (options.full || schema.required?.includes(key))
          out[key] = sample(prop, definitions, options, depth + 1);
      }
      return out;
    }
    default:
      return {};
  }
}
