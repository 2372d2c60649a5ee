import { parseEndpoint } from '@edgekit/juju-client';
import type { VmRequestInput } from '../model/schemas.js';
import { fromZodIssues, placementError } from '../placement/errors.js';
import { workloadFromBundle } from '../plan/from-bundle.js';
import { type Workload, type WorkloadInput, WorkloadSchema } from '../plan/workload.js';
import { presets } from '../presets/presets.js';
import type { FileApplication } from './application-schema.js';
import { roleFromVmRequest } from './role-from-vm.js';

/** Which Charmed Kubernetes bundle applications ride on a preset role (other roles: the same-named one). */
export const CK_ROLE_APPLICATIONS: Readonly<Record<string, string[]>> = {
  'control-plane': ['kubernetes-control-plane', 'etcd'],
};

/**
 * What a role gets when nothing names its charm: `ubuntu`, the Charmhub charm Juju operators deploy for
 * machines they manage themselves (`juju deploy ubuntu`).
 */
export const DEFAULT_ROLE_CHARM = { charm: 'ubuntu', channel: 'latest/stable' } as const;

/** A role that got the default charm, and how the user can choose another. */
export interface DefaultCharm {
  role: string;
  application: string;
  charm: string;
  channel: string;
  note: string;
}

/** A workload file's content (see readWorkloadFile), possibly with the VM roles edited. */
export interface WorkloadFromFileInput {
  /** The workload's (and the rendered bundle's) name. */
  name: string;
  /** Set: the preset's bundle (`bundleTexts`) brings its applications and relations. */
  preset?: string | undefined;
  defaultBase?: string | undefined;
  vms: readonly VmRequestInput[];
  applications?: Readonly<Record<string, FileApplication>>;
  relations?: readonly (readonly [string, string])[];
}

export interface WorkloadFromFile {
  workload: Workload;
  /** One entry per role that deploys the default `ubuntu` charm because nothing named its charm. */
  defaults: DefaultCharm[];
}

function defaultNote(role: string): string {
  return `role ${role}: no charm given, deploys the ubuntu charm (blank machines); add applications: { <name>: { charm: <charm>, role: ${role} } } to the workload file to choose one`;
}

/**
 * A workload file turned into a deployable workload. Each VM becomes a role; a role carries the preset
 * bundle's applications for it (CK roles, via `roleApplications`), the file's applications that name it
 * with `role:`, or else one `ubuntu` application named after the role. The file's applications override
 * the bundle's of the same name, as an overlay does; its relations are added to the bundle's.
 */
export function workloadFromFile(
  file: WorkloadFromFileInput,
  bundleTexts: readonly string[],
  roleApplications: Readonly<Record<string, string[]>> = CK_ROLE_APPLICATIONS,
): WorkloadFromFile {
  const bundle = file.preset === undefined ? null : workloadFromBundle(bundleTexts, { name: file.name });
  // A preset may carry some bundle applications on other roles' machines, or leave some out.
  const preset = file.preset === undefined ? undefined : presets[file.preset];
  const omitted = new Set(preset?.omitApplications ?? []);
  const carriedBy = { ...roleApplications, ...preset?.roleApplications };
  const applications: WorkloadInput['applications'] = Object.fromEntries(
    Object.entries(bundle?.applications ?? {}).filter(([name]) => !omitted.has(name)),
  );
  const bundleCover = (role: string): string[] => {
    if (bundle === null) return [];
    const app = applications[role];
    return carriedBy[role] ?? (app !== undefined && !app.subordinate ? [role] : []);
  };
  const roles: Record<string, WorkloadInput['roles'][string] & { applications: string[] }> = {};
  for (const vm of file.vms) roles[vm.name] = roleFromVmRequest(vm, bundleCover(vm.name));

  for (const [name, { role, ...spec }] of Object.entries(file.applications ?? {})) {
    applications[name] = spec;
    if (role === undefined) continue;
    const target = roles[role];
    if (target === undefined) {
      throw placementError(
        'unknown-reference',
        `application "${name}" names role "${role}", which the workload has no VMs for`,
        `applications.${name}.role`,
        `Use one of the roles: ${Object.keys(roles).join(', ') || '(none: add vms:)'}.`,
      );
    }
    if (!target.applications.includes(name)) target.applications.push(name);
  }

  const defaults: DefaultCharm[] = [];
  for (const [name, role] of Object.entries(roles)) {
    if (role.applications.length > 0) continue;
    if (applications[name] !== undefined) {
      throw placementError(
        'invalid-input',
        `role "${name}" carries no application, and the application "${name}" it would get already exists`,
        `applications.${name}.role`,
        `Give the application "${name}" role: ${name}, or name another application's role: ${name}.`,
      );
    }
    applications[name] = { ...DEFAULT_ROLE_CHARM };
    role.applications.push(name);
    defaults.push({ role: name, application: name, ...DEFAULT_ROLE_CHARM, note: defaultNote(name) });
  }

  const relations: [string, string][] = (bundle?.relations ?? []).filter(
    (pair) => !pair.some((endpoint) => omitted.has(parseEndpoint(endpoint).application)),
  );
  const known = new Set(relations.map((pair) => pair.join(' ')));
  (file.relations ?? []).forEach(([a, b], index) => {
    for (const endpoint of [a, b]) {
      const app = parseEndpoint(endpoint).application;
      if (applications[app] === undefined) {
        throw placementError(
          'unknown-reference',
          `relation [${a}, ${b}] names application "${app}", which the workload does not have`,
          `relations.${index}`,
          `Relate applications the workload has (${Object.keys(applications).join(', ')}), or add "${app}" under applications:.`,
        );
      }
    }
    if (!known.has(`${a} ${b}`)) relations.push([a, b]);
    known.add(`${a} ${b}`);
  });

  const parsed = WorkloadSchema.safeParse({
    name: file.name,
    base: file.defaultBase ?? bundle?.base ?? 'ubuntu@24.04',
    applications,
    roles,
    relations,
  });
  if (!parsed.success) throw fromZodIssues('workload', parsed.error.issues);
  return { workload: parsed.data, defaults };
}
