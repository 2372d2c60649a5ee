import { issuePath, issuesLine } from '@edgekit/common';
import { BundleDocumentSchema, bundleApplications } from '../model/bundle-schema.js';
import type { VmRequestInput } from '../model/schemas.js';
import { readYaml } from '../model/yaml-text.js';
import { type ConstraintSizes, constraintSizes } from '../outputs/constraints.js';
import { placementError } from '../placement/errors.js';

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
  const parsed = BundleDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    throw placementError(
      'bad-bundle',
      `bundle: ${issuesLine(parsed.error.issues)}`,
      issuePath(parsed.error.issues[0]?.path ?? []),
      'A Juju bundle lists its charms under `applications:` (or `services:` in old bundles).',
    );
  }
  const bundle = parsed.data;
  const applications = bundleApplications(bundle);
  if (applications === undefined) {
    throw placementError(
      'bad-bundle',
      'bundle has no applications section',
      'applications',
      'A Juju bundle lists its charms under `applications:` (or `services:` in old bundles).',
    );
  }
  const requests: VmRequestInput[] = [];
  for (const [id, machine] of Object.entries(bundle.machines ?? {})) {
    requests.push(
      requestFrom(`machine-${id}`, 1, machine?.constraints, `machines.${id}.constraints`, options),
    );
  }
  for (const [name, app] of Object.entries(applications)) {
    if (app === null) continue;
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
