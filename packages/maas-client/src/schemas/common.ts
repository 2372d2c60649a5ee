import { z } from 'zod';

/**
 * MAAS drifts between versions (docs/maas-api.md §10): objects keep unknown fields, sizes are plain
 * numbers (floats happen), and enums accept values this SDK has not seen yet.
 */
export const loose = z.looseObject;

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
export type Zone = z.infer<typeof ZoneSchema>;

export const ResourcePoolSchema = loose({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  resource_uri: resourceUri,
});
export type ResourcePool = z.infer<typeof ResourcePoolSchema>;

export const DomainSchema = loose({
  id: z.number(),
  name: z.string(),
  ttl: z.number().nullable(),
  authoritative: z.boolean(),
  is_default: z.boolean().optional(),
  resource_record_count: z.number().optional(),
  resource_uri: resourceUri,
});
export type Domain = z.infer<typeof DomainSchema>;
