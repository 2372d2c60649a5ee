import { parseEndpoint } from '@edgekit/juju-client';
import * as z from 'zod';

/**
 * The one schema of a Juju bundle document as edge-core reads it (workloads from bundles, VM requests
 * from bundles). Checked at the edge so a malformed bundle is a one-line error naming the path, never a
 * TypeError from deep inside. Unknown keys are kept: bundles carry much edge-core does not use.
 */

/** Juju's application name rule (names.IsValidApplication): `__proto__` or `Etcd` are not names. */
export const APPLICATION_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*$/;

const ApplicationName = z
  .string()
  .regex(
    APPLICATION_NAME,
    'an application name is lowercase letters, digits and hyphens, starting with a letter',
  );

export const BundleApplicationSchema = z.looseObject({
  charm: z.string().min(1).optional(),
  channel: z.string().optional(),
  revision: z.number().int().nonnegative().optional(),
  num_units: z.number().int().nonnegative().optional(),
  constraints: z.string().optional(),
  to: z.array(z.union([z.string(), z.number()])).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  expose: z.boolean().optional(),
  annotations: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
});
export type BundleApplication = z.infer<typeof BundleApplicationSchema>;

const Applications = z.record(ApplicationName, BundleApplicationSchema.nullable());

/** `app` or `app:endpoint`, checked by juju-client's one endpoint parser (its message names the fault). */
export const BundleEndpointSchema = z
  .string()
  .min(1, { abort: true })
  .superRefine((text, ctx) => {
    try {
      parseEndpoint(text);
    } catch (error) {
      // Not continuable: checks of the whole document (or workload) read endpoints parsed, so they wait.
      ctx.addIssue({ code: 'custom', message: (error as Error).message, continue: false });
    }
  });

/** `[a, b]` pairs of endpoints. */
const RelationSchema = z.tuple([BundleEndpointSchema, BundleEndpointSchema]);

export const BundleDocumentSchema = z.looseObject({
  name: z.string().optional(),
  series: z.string().optional(),
  'default-base': z.string().optional(),
  applications: Applications.optional(),
  /** What older bundles call `applications` (Juju still reads it). */
  services: Applications.optional(),
  relations: z.array(RelationSchema).optional(),
  machines: z
    .record(
      z.string().regex(/^\d+$/, 'a bundle machine key is a number'),
      z
        .looseObject({
          constraints: z.string().optional(),
        })
        .nullable(),
    )
    .optional(),
});
export type BundleDocument = z.infer<typeof BundleDocumentSchema>;

/** A document's applications, from `applications:` or the legacy `services:` (not both). */
export function bundleApplications(
  doc: BundleDocument,
): Record<string, BundleApplication | null> | undefined {
  return doc.applications ?? doc.services;
}
