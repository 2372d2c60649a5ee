import { parseYamlDocuments } from '../model/yaml-text.js';
import { constraintSizes } from '../outputs/constraints.js';
import { PlanInputError } from './errors.js';
import { type Workload, type WorkloadInput, WorkloadSchema } from './workload.js';

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

interface BundleApp {
  charm?: string;
  channel?: string;
  revision?: number;
  num_units?: number;
  constraints?: string;
  options?: Record<string, unknown>;
  expose?: boolean;
  annotations?: Record<string, string>;
}

interface BundleDoc {
  name?: string;
  series?: string;
  'default-base'?: string;
  applications?: Record<string, BundleApp | null>;
  relations?: string[][];
}

/**
 * Reads a Juju bundle and its overlays (multi-document YAML or separate texts, merged the way `juju
 * deploy --overlay` merges them: later documents override keys, `null` removes an application) into a
 * workload. Each principal application becomes a role sized from its constraints
 * (`cores=2 mem=8G root-disk=16G`); applications without units are subordinates.
 */
export function workloadFromBundle(texts: readonly string[], options: BundleWorkloadOptions = {}): Workload {
  const docs: BundleDoc[] = [];
  for (const text of texts) {
    let values: unknown[];
    try {
      values = parseYamlDocuments(text);
    } catch (error) {
      throw new PlanInputError(`bundle YAML: ${(error as Error).message}`, { cause: error });
    }
    for (const value of values) if (value !== null) docs.push(value as BundleDoc);
  }
  const first = docs[0];
  if (first === undefined) throw new PlanInputError('no bundle document given');
  const apps = new Map<string, BundleApp>();
  let relations: [string, string][] = [];
  const names = (endpoint: string, app: string) => endpoint === app || endpoint.startsWith(`${app}:`);
  for (const doc of docs) {
    for (const [name, app] of Object.entries(doc.applications ?? {})) {
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
  const base =
    docs.find((doc) => doc['default-base'] !== undefined)?.['default-base'] ??
    (series === undefined ? undefined : BASE_BY_SERIES[series]);
  if (base === undefined)
    throw new PlanInputError(`bundle series "${series}" is unknown`, {
      hint: 'set default-base: ubuntu@24.04',
    });

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
    throw new PlanInputError(
      `bundle does not make a valid workload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
