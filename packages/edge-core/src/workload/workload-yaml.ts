import * as z from 'zod';
import { boundedArray, INPUT_LIMITS } from '../model/limits.js';
import { refineUniqueNames } from '../model/name-record.js';
import { HostSchema, type PlacementProblem, type VmRequest, VmRequestSchema } from '../model/schemas.js';
import { readYaml } from '../model/yaml-text.js';
import { fromZodIssues, placementError } from '../placement/errors.js';
import { presets } from '../presets/presets.js';
import { type FileApplication, FileApplicationsSchema, FileRelationSchema } from './application-schema.js';

/**
 * A user's own workload file:
 *
 *   preset: charmed-kubernetes-ha-edge   # optional: start from a preset (and its Charmed Kubernetes bundle)
 *   vms:                                  # VM requests (VmRequestSchema), added to the preset's
 *     - { name: db, count: 2, cores: 4, memory: 16G, disks: [{ size: 100G, pool: ssd }],
 *         antiAffinity: { group: db, scope: zone } }
 *   applications:                         # optional: the charms a role carries, as in a Juju bundle
 *     postgresql: { charm: postgresql, channel: 16/stable, role: db }
 *   relations: [[postgresql:db, my-app:db]]
 *   default-base: ubuntu@24.04            # optional: the Juju base of every machine
 *   hosts: [...]                          # optional: hosts (HostSchema), when the file is a whole problem
 *
 * A role no application claims (and the preset's bundle does not cover) deploys the `ubuntu` charm.
 */
export const WorkloadFileSchema = z
  .object({
    preset: z.string().optional(),
    'default-base': z
      .string()
      .regex(/^[a-z]+@[0-9.]+$/, 'a Juju base looks like ubuntu@24.04')
      .optional(),
    vms: boundedArray(VmRequestSchema, INPUT_LIMITS.vms, 'VM requests').default([]),
    applications: FileApplicationsSchema.default({}),
    relations: z.array(FileRelationSchema).default([]),
    hosts: boundedArray(HostSchema, INPUT_LIMITS.hosts, 'hosts').default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    refineUniqueNames(file.vms, 'vms', 'VM request', ctx);
    refineUniqueNames(file.hosts, 'hosts', 'host', ctx);
  });

/** A workload file read and checked: the preset's VMs first, then the file's own. */
export interface WorkloadFile {
  preset?: string;
  defaultBase?: string;
  vms: VmRequest[];
  applications: Record<string, FileApplication>;
  relations: [string, string][];
  hosts: PlacementProblem['hosts'];
}

export function readWorkloadFile(text: string): WorkloadFile {
  const raw = readYaml(text, 'workload', 'invalid-input', 'Fix the YAML syntax.');
  const parsed = WorkloadFileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw fromZodIssues('workload file', parsed.error.issues);
  const { preset, 'default-base': defaultBase, vms, hosts, applications, relations } = parsed.data;
  let base: VmRequest[] = [];
  if (preset !== undefined) {
    const found = presets[preset];
    if (!found) {
      throw placementError(
        'unknown-reference',
        `unknown preset "${preset}"`,
        'preset',
        `Use one of: ${Object.keys(presets).join(', ')}.`,
      );
    }
    base = found.vms.map((vm) => VmRequestSchema.parse(vm));
  }
  return {
    ...(preset === undefined ? {} : { preset }),
    ...(defaultBase === undefined ? {} : { defaultBase }),
    vms: [...base, ...vms],
    applications,
    relations,
    hosts,
  };
}

/** The file as a placement problem (its hosts and every VM request). */
export function parseWorkloadYaml(text: string): PlacementProblem {
  const { hosts, vms } = readWorkloadFile(text);
  return { hosts, vms };
}
