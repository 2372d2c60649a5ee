import * as z from 'zod';

/**
 * MAAS drifts between versions (docs/maas-api.md §10): objects keep unknown fields, sizes are plain
 * numbers (floats happen), and enums accept values this SDK has not seen yet.
 *
 * Unknown fields are kept without zod copying them: at runtime the object is validated in zod's default
 * (strip) mode, which its JIT compiles to a fast check of the known keys, and `decode` hands back the
 * parsed JSON itself once validation passed, so every field MAAS sent is still there. The static type lists
 * the known fields only (no index signature); `unknownFields` returns the rest. Schemas therefore must not
 * transform or default values: what is validated is exactly what is returned.
 */
export function loose<const Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
): z.ZodObject<Shape, z.core.$strip> {
  return z.object(shape);
}

/**
 * The fields MAAS sent that this SDK does not model (newer MAAS versions add some): the public types list
 * only the known fields, so a misspelled property is a type error instead of `unknown`; what else the
 * server sent stays reachable here.
 */
export function unknownFields(
  object: object,
  schema: { shape: Record<string, unknown> },
): Record<string, unknown> {
  const known = new Set(Object.keys(schema.shape));
  return Object.fromEntries(Object.entries(object).filter(([key]) => !known.has(key)));
}

/** An enum whose known values are suggested to the type checker but whose unknown values still parse. */
export function openEnum<const T extends readonly string[]>(_known: T): z.ZodType<T[number] | (string & {})> {
  return z.string() as unknown as z.ZodType<T[number] | (string & {})>;
}

export const resourceUri = z.string();

/** `{system_id|id, __incomplete__: true}` references MAAS embeds instead of whole objects. */
export const IncompleteRefSchema = loose({
  __incomplete__: z.boolean().optional(),
});

export const ZoneSchema = loose({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  resource_uri: resourceUri,
});
export interface Zone extends z.infer<typeof ZoneSchema> {}

export const ResourcePoolSchema = loose({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  resource_uri: resourceUri,
});
export interface ResourcePool extends z.infer<typeof ResourcePoolSchema> {}

export const DomainSchema = loose({
  id: z.number(),
  name: z.string(),
  ttl: z.number().nullable(),
  authoritative: z.boolean(),
  is_default: z.boolean().optional(),
  resource_record_count: z.number().optional(),
  resource_uri: resourceUri,
});
export interface Domain extends z.infer<typeof DomainSchema> {}

const lists = new WeakMap<z.ZodType, z.ZodArray<z.ZodType>>();

/** `z.array(item)`, built once per item schema so its compiled validator is reused across calls. */
export function listOf<S extends z.ZodType>(item: S): z.ZodArray<S> {
  let list = lists.get(item);
  if (!list) {
    list = z.array(item);
    lists.set(item, list);
  }
  return list as z.ZodArray<S>;
}
