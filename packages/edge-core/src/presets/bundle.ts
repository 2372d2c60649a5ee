import { z } from 'zod';
import type { VmRequestInput } from '../model/schemas.js';
import { readYaml } from '../model/yaml-text.js';
import { type ConstraintSizes, constraintSizes } from '../outputs/constraints.js';
import { placementError } from '../placement/errors.js';

const ApplicationsSchema = z.record(
  z.string(),
  z
    .object({
      charm: z.string().optional(),
      num_units: z.number().int().nonnegative().optional(),
      constraints: z.string().optional(),
      to: z.array(z.union([z.string(), z.number()])).optional(),
    })
    .passthrough(),
);

const BundleSchema = z.object({
  applications: ApplicationsSchema.optional(),
  // Older bundles say `services`.
  services: ApplicationsSchema.optional(),
  machines: z
    .record(z.string(), z.object({ constraints: z.string().optional() }).passthrough().nullable())
    .optional(),
});

export interface BundleVmOptions {
  /** Anti-affinity for applications with several units, one group per application (default: none). */
  spreadUnits?: { scope: 'host' | 'zone'; maxPerDomain?: number };
}

/**
 * MAAS compose defaults (maas-api.md §4.2) stand in for a missing constraint: 1 core, 2048 MiB, and an
 * 8 GiB root disk.
 */
const DEFAULTS = { cores: 1, memory: 2048, rootDisk: 8 * 2 ** 30 };

/**
 * Reads a Juju bundle into VM requests: one request per bundle machine, plus one per application whose
 * units get machines of their own (no `to:`), sized by its `constraints` (`cores=2 mem=8G root-disk=16G`;
 * sizes in MiB with binary suffixes, as Juju reads them). Subordinates (no num_units) and units placed onto
 * existing machines or into containers (`to: [lxd:0]`) need no VM of their own.
 */
export function vmRequestsFromBundle(yamlText: string, options: BundleVmOptions = {}): VmRequestInput[] {
  const raw = readYaml(yamlText, 'bundle', 'bad-bundle', 'Pass the bundle.yaml text.');
  const parsed = BundleSchema.safeParse(raw);
  if (!parsed.success || (!parsed.data.applications && !parsed.data.services)) {
    throw placementError(
      'bad-bundle',
      'bundle has no applications section',
      parsed.success ? 'applications' : parsed.error.issues[0]!.path.join('.'),
      'A Juju bundle lists its charms under `applications:` (or `services:` in old bundles).',
    );
  }
  const bundle = parsed.data;
  const requests: VmRequestInput[] = [];
  for (const [id, machine] of Object.entries(bundle.machines ?? {})) {
    requests.push(
      requestFrom(`machine-${id}`, 1, machine?.constraints, `machines.${id}.constraints`, options),
    );
  }
  const applications = bundle.applications ?? bundle.services ?? {};
  for (const [name, app] of Object.entries(applications)) {
    const units = app.num_units ?? 0;
    if (units === 0) continue;
    const placed = app.to?.length ?? 0;
    const own = Math.max(0, units - placed);
    if (own === 0) continue;
    requests.push(requestFrom(name, own, app.constraints, `applications.${name}.constraints`, options));
  }
  return requests;
}

function requestFrom(
  name: string,
  count: number,
  constraintText: string | undefined,
  path: string,
  options: BundleVmOptions,
): VmRequestInput {
  let constraints: ConstraintSizes;
  try {
    constraints = constraintSizes(constraintText ?? '', `${path}.constraints`);
  } catch (error) {
    throw placementError(
      'bad-bundle',
      (error as Error).message,
      path,
      'Write constraints as `cores=2 mem=8G root-disk=16G`.',
    );
  }
  const request: VmRequestInput = {
    name,
    count,
    cores: constraints.cores ?? DEFAULTS.cores,
    memory: Math.max(constraints.memMiB ?? DEFAULTS.memory, 1024),
    disks: [
      { size: constraints.rootDiskMiB !== undefined ? constraints.rootDiskMiB * 2 ** 20 : DEFAULTS.rootDisk },
    ],
  };
  if (constraints.tags) request.tags = constraints.tags;
  if (constraints.zones) request.zones = constraints.zones;
  if (options.spreadUnits && count > 1) {
    request.antiAffinity = {
      group: name,
      scope: options.spreadUnits.scope,
      maxPerDomain: options.spreadUnits.maxPerDomain ?? 1,
    };
  }
  return request;
}
