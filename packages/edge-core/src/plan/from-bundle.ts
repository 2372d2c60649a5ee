import { issuesLine } from '@edgekit/common';
import { parseEndpoint } from '@edgekit/juju-client';
import {
  type BundleApplication,
  type BundleDocument,
  BundleDocumentSchema,
  bundleApplications,
} from '../model/bundle-schema.js';
import { parseYamlDocuments } from '../model/yaml-text.js';
import { constraintSizes } from '../outputs/constraints.js';
import { PlanInputError } from './errors.js';
import { type Workload, type WorkloadInput, WorkloadSchema } from './workload.js';

/**
 * The base a bundle without `series` or `default-base` deploys on: Juju uses the model's default base,
 * which for a Juju 3.6 model is the newest LTS, ubuntu@24.04.
 */
export const DEFAULT_BUNDLE_BASE = 'ubuntu@24.04';

const BASE_BY_SERIES: Record<string, string> = {
  focal: 'ubuntu@20.04',
  jammy: 'ubuntu@22.04',
  noble: 'ubuntu@24.04',
};

export interface BundleWorkloadOptions {
  /** Applications that share machines: each group becomes one role named after its first member. */
  colocate?: readonly (readonly string[])[];
  /** Machine counts that replace the bundle's num_units, keyed by role (the group's first application). */
  counts?: Readonly<Record<string, number>>;
  /** Per-role extras: anti-affinity, zone pins, bare metal with GPUs, bigger disks. */
  roles?: Readonly<Record<string, Partial<WorkloadInput['roles'][string]>>>;
  name?: string;
}

/**
 * The checked documents of one bundle text, kept for the texts seen last: the Planner rebuilds its
 * workload from the same preset bundle on every key, and parsing the YAML was most of that.
 */
const parsedBundles = new Map<string, readonly BundleDocument[]>();
const PARSED_BUNDLES_KEPT = 16;

/** `before`: documents in the texts before this one, so an error numbers documents as the reader counts. */
function bundleDocuments(text: string, before: number): readonly BundleDocument[] {
  const cached = parsedBundles.get(text);
  if (cached !== undefined) return cached;
  let values: unknown[];
  try {
    values = parseYamlDocuments(text);
  } catch (error) {
    throw new PlanInputError(`bundle YAML: ${(error as Error).message}`, { cause: error });
  }
  const docs: BundleDocument[] = [];
  for (const value of values) {
    if (value === null) continue;
    const parsed = BundleDocumentSchema.safeParse(value);
    if (!parsed.success) {
      throw new PlanInputError(
        `bundle document ${before + docs.length + 1}: ${issuesLine(parsed.error.issues)}`,
        {
          hint: 'a bundle has applications: (name: {charm, num_units, constraints, ...}) and relations: [[a, b], ...]',
        },
      );
    }
    if (parsed.data.applications !== undefined && parsed.data.services !== undefined) {
      throw new PlanInputError(
        `bundle document ${before + docs.length + 1} has both applications: and services:`,
        {
          hint: 'services: is the old name of applications:; keep one',
        },
      );
    }
    docs.push(parsed.data);
  }
  if (parsedBundles.size >= PARSED_BUNDLES_KEPT)
    parsedBundles.delete(parsedBundles.keys().next().value ?? '');
  parsedBundles.set(text, docs);
  return docs;
}

/**
 * Reads a Juju bundle and its overlays (multi-document YAML or separate texts, merged the way `juju
 * deploy --overlay` merges them: later documents override keys, `null` removes an application) into a
 * workload. Each principal application becomes a role sized from its constraints
 * (`cores=2 mem=8G root-disk=16G`); applications without units are subordinates.
 */
export function workloadFromBundle(texts: readonly string[], options: BundleWorkloadOptions = {}): Workload {
  // Copies: the documents are cached, and what is built from them is the caller's to change.
  const docs: BundleDocument[] = [];
  for (const text of texts) docs.push(...structuredClone(bundleDocuments(text, docs.length)));
  const first = docs[0];
  if (first === undefined) throw new PlanInputError('no bundle document given');
  const apps = new Map<string, BundleApplication>();
  let relations: [string, string][] = [];
  const names = (endpoint: string, app: string) => parseEndpoint(endpoint).application === app;
  for (const doc of docs) {
    for (const [name, app] of Object.entries(bundleApplications(doc) ?? {})) {
      if (app === null) {
        // As `juju deploy --overlay` does: a removed application takes its relations with it.
        apps.delete(name);
        relations = relations.filter(([a, b]) => !names(a, name) && !names(b, name));
      } else apps.set(name, { ...apps.get(name), ...app });
    }
    for (const pair of doc.relations ?? []) {
      const [a, b] = pair;
      if (a !== undefined && b !== undefined) relations.push([a, b]);
    }
  }
  const series = docs.find((doc) => doc.series !== undefined)?.series;
  const explicitBase = docs.find((doc) => doc['default-base'] !== undefined)?.['default-base'];
  const base =
    explicitBase ??
    (series === undefined
      ? DEFAULT_BUNDLE_BASE
      : Object.hasOwn(BASE_BY_SERIES, series)
        ? BASE_BY_SERIES[series]
        : undefined);
  if (base === undefined)
    throw new PlanInputError(
      `bundle series "${series}" is unknown (known: ${Object.keys(BASE_BY_SERIES).join(', ')})`,
      {
        hint: 'set default-base: ubuntu@24.04 instead',
      },
    );

  const grouped = new Set((options.colocate ?? []).flat());
  const groups: string[][] = (options.colocate ?? []).map((group) => [...group]);
  for (const [name, app] of apps) if ((app.num_units ?? 0) > 0 && !grouped.has(name)) groups.push([name]);

  const roles: WorkloadInput['roles'] = {};
  for (const group of groups) {
    const roleName = group[0] ?? '';
    let cores = 0;
    let memMiB = 0;
    let diskMiB = 0;
    let units = 0;
    for (const appName of group) {
      const app = apps.get(appName);
      if (app === undefined)
        throw new PlanInputError(`colocation names "${appName}", which the bundle does not have`);
      const constraints = constraintSizes(app.constraints ?? '', `application ${appName}: constraints`);
      cores += constraints.cores ?? 1;
      memMiB += constraints.memMiB ?? 3584;
      diskMiB += constraints.rootDiskMiB ?? 8192;
      units = Math.max(units, app.num_units ?? 0);
    }
    roles[roleName] = {
      count: options.counts?.[roleName] ?? units,
      cores,
      memoryMiB: Math.max(1024, memMiB),
      disks: [{ sizeGB: Math.ceil(diskMiB / 1024) }],
      applications: group,
      ...options.roles?.[roleName],
    };
  }
  const applications: WorkloadInput['applications'] = {};
  for (const [name, app] of apps) {
    if (app.charm === undefined) throw new PlanInputError(`bundle application "${name}" has no charm`);
    applications[name] = {
      charm: app.charm,
      ...(app.channel === undefined ? {} : { channel: app.channel }),
      ...(app.revision === undefined ? {} : { revision: app.revision }),
      ...(app.options === undefined ? {} : { options: app.options }),
      ...(app.expose === undefined ? {} : { expose: app.expose }),
      ...(app.annotations === undefined ? {} : { annotations: app.annotations }),
      subordinate: (app.num_units ?? 0) === 0 && !grouped.has(name),
    };
  }
  const parsed = WorkloadSchema.safeParse({
    name: options.name ?? first.name ?? 'bundle',
    base,
    applications,
    roles,
    relations,
  });
  if (!parsed.success) {
    throw new PlanInputError(`bundle does not make a valid workload: ${issuesLine(parsed.error.issues)}`);
  }
  return parsed.data;
}
