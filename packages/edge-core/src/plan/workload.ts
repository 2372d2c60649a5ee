import { parseEndpoint } from '@edgekit/juju-client';
import * as z from 'zod';
import { BundleEndpointSchema } from '../model/bundle-schema.js';
import { INPUT_LIMITS, overLimit } from '../model/limits.js';

/**
 * The workload a plan deploys, in two halves: the Juju side (applications, relations: what goes into
 * the bundle) and the machine side (roles: groups of identical machines, each carrying one unit of every
 * application the role lists). A role is what the placement engine places; an application's unit count
 * is the total count of the roles that carry it.
 */
export const RoleDiskSchema = z.object({
  /** Size in GB (10^9 bytes), the unit of MAAS compose `storage`. */
  sizeGB: z.number().int().positive().max(INPUT_LIMITS.diskGB, overLimit('sizeGB', INPUT_LIMITS.diskGB)),
  /** Storage pool name to compose this disk on; the placement chooses one when absent. */
  pool: z.string().min(1).optional(),
});
export type RoleDisk = z.infer<typeof RoleDiskSchema>;

export const RoleSchema = z.object({
  count: z.number().int().nonnegative().max(INPUT_LIMITS.vms, overLimit('count', INPUT_LIMITS.vms)),
  /** `vm`: composed on a MAAS VM host; `bare-metal`: an existing Ready machine (GPU workers). */
  kind: z.enum(['vm', 'bare-metal']).default('vm'),
  cores: z.number().int().positive(),
  memoryMiB: z.number().int().min(1024, 'MAAS composes VMs of at least 1024 MiB'),
  /** The first disk is the root disk. */
  disks: z.array(RoleDiskSchema).min(1),
  gpus: z.number().int().nonnegative().default(0),
  /** Only place in these MAAS zones (names). */
  zones: z.array(z.string().min(1)).optional(),
  /** At most `maxPerDomain` machines of this role per host or per zone. */
  antiAffinity: z
    .object({ scope: z.enum(['host', 'zone']), maxPerDomain: z.number().int().positive().default(1) })
    .optional(),
  applications: z.array(z.string().min(1)).min(1),
});
export type Role = z.infer<typeof RoleSchema>;

export const ApplicationSchema = z.object({
  charm: z.string().min(1),
  channel: z.string().min(1).optional(),
  revision: z.number().int().nonnegative().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  expose: z.boolean().optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  /** Subordinates have no machines of their own; they ride on their principals through relations. */
  subordinate: z.boolean().default(false),
});
export type Application = z.infer<typeof ApplicationSchema>;

/** Role and application names end up in MAAS tags and hostnames: keep them DNS-label safe. */
const nameKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'use lower-case letters, digits and dashes (max 40)');

export const WorkloadSchema = z
  .object({
    name: z.string().min(1),
    /** Juju base for every machine, e.g. `ubuntu@24.04`. */
    base: z.string().regex(/^[a-z]+@[0-9.]+$/, 'a Juju base looks like ubuntu@24.04'),
    applications: z.record(nameKey, ApplicationSchema),
    roles: z.record(nameKey, RoleSchema),
    relations: z.array(z.tuple([BundleEndpointSchema, BundleEndpointSchema])),
  })
  .superRefine((workload, ctx) => {
    const machines = Object.values(workload.roles).reduce((sum, role) => sum + role.count, 0);
    if (machines > INPUT_LIMITS.vms) {
      ctx.addIssue({
        code: 'custom',
        path: ['roles'],
        message: overLimit(`the machine count (${machines}) summed over roles`, INPUT_LIMITS.vms),
      });
    }
    const carried = new Set<string>();
    for (const [roleName, role] of Object.entries(workload.roles)) {
      for (const app of role.applications) {
        const spec = workload.applications[app];
        if (spec === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['roles', roleName, 'applications'],
            message: `unknown application "${app}"`,
          });
        } else if (spec.subordinate) {
          ctx.addIssue({
            code: 'custom',
            path: ['roles', roleName, 'applications'],
            message: `"${app}" is a subordinate: relate it to a principal instead of giving it machines`,
          });
        }
        carried.add(app);
      }
    }
    for (const [app, spec] of Object.entries(workload.applications)) {
      if (!spec.subordinate && !carried.has(app)) {
        ctx.addIssue({
          code: 'custom',
          path: ['applications', app],
          message: `no role carries "${app}": add it to a role`,
        });
      }
    }
    workload.relations.forEach((pair, index) => {
      for (const endpoint of pair) {
        const app = parseEndpoint(endpoint).application;
        if (workload.applications[app] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['relations', index],
            message: `relation names unknown application "${app}"`,
          });
        }
      }
    });
  });
export type Workload = z.infer<typeof WorkloadSchema>;
export type WorkloadInput = z.input<typeof WorkloadSchema>;

/** Units of an application: one per machine of every role that carries it. */
export function unitCount(workload: Workload, app: string): number {
  let count = 0;
  for (const role of Object.values(workload.roles)) if (role.applications.includes(app)) count += role.count;
  return count;
}
