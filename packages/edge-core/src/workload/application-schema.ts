import { parseEndpoint } from '@edgekit/juju-client';
import * as z from 'zod';
import { BundleEndpointSchema } from '../model/bundle-schema.js';
import { ApplicationSchema } from '../plan/workload.js';

/**
 * One application of a workload file, shaped like a Juju bundle's `applications:` entry plus `role:`,
 * the VM role whose machines carry one unit each. Subordinates have no role: relations put them on
 * their principals' machines.
 */
export const FileApplicationSchema = ApplicationSchema.extend({ role: z.string().min(1).optional() })
  .strict()
  .superRefine((app, ctx) => {
    if (app.subordinate && app.role !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message: 'a subordinate has no machines of its own: drop `role:` and relate it to a principal',
      });
    }
    if (!app.subordinate && app.role === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message: 'say which VM role carries its units (`role: <vm name>`), or mark it `subordinate: true`',
      });
    }
  });
export type FileApplication = z.output<typeof FileApplicationSchema>;
export type FileApplicationInput = z.input<typeof FileApplicationSchema>;

/** A workload file's names are lower-case (they become Juju names as written). */
const FILE_NAME = /^[a-z][a-z0-9-]*$/;

/** A Juju endpoint as bundles write it (`application` or `application:endpoint`), names lower-case. */
const endpoint = BundleEndpointSchema.refine((text) => {
  const { application, endpoint: name } = parseEndpoint(text);
  return FILE_NAME.test(application) && (name === undefined || FILE_NAME.test(name));
}, 'a relation endpoint is `application:endpoint` (or just `application`), e.g. postgresql:db');

/** A bundle relation: two endpoints, e.g. `[postgresql:db, my-app:db]`. */
export const FileRelationSchema = z.tuple([endpoint, endpoint]);

/** Names are checked with the rest of the workload (WorkloadSchema: DNS-label safe). */
export const FileApplicationsSchema = z.record(z.string().min(1), FileApplicationSchema);
