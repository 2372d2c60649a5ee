import { z } from 'zod';
import { HostSchema, type PlacementProblem, VmRequestSchema } from '../model/schemas.js';
import { readYaml } from '../model/yaml-text.js';
import { fromZodIssues, placementError } from '../placement/errors.js';
import { presets } from '../presets/presets.js';

/**
 * A user's own workload file:
 *
 *   preset: charmed-kubernetes-ha-edge   # optional: start from a preset
 *   vms:                                  # VM requests (VmRequestSchema), added to the preset's
 *     - { name: db, count: 2, cores: 4, memory: 16G, disks: [{ size: 100G, pool: ssd }],
 *         antiAffinity: { group: db, scope: zone } }
 *   hosts: [...]                          # optional: hosts (HostSchema), when the file is a whole problem
 */
export const WorkloadFileSchema = z
  .object({
    preset: z.string().optional(),
    vms: z.array(VmRequestSchema).default([]),
    hosts: z.array(HostSchema).default([]),
  })
  .strict();

export function parseWorkloadYaml(text: string): PlacementProblem {
  const raw = readYaml(text, 'workload', 'invalid-input', 'Fix the YAML syntax.');
  const parsed = WorkloadFileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw fromZodIssues('workload file', parsed.error.issues);
  const { preset, vms, hosts } = parsed.data;
  let base: PlacementProblem['vms'] = [];
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
  return { hosts, vms: [...base, ...vms] };
}
