import { sleep } from '@edgekit/common';
import { stringify } from 'yaml';
import type { JujuClient } from '../client.js';
import { JujuAbortError, JujuBundleError, JujuError } from '../core/errors.js';
import { only } from '../facades/caller.js';
import type { BundleChangesMapArgs, CharmOrigin, Placement } from '../schemas/generated.js';
import type { BundleCall } from './bundle-hooks.js';
import { arg, substitute } from './bundle-plan.js';
import { parseConstraints } from './constraints.js';
import { MACHINE_SCOPE, parsePlacement } from './placement.js';

/** What one run of the executor has produced so far, shared by its changes. */
export interface BundleRun {
  client: JujuClient;
  /** change id -> what it produced (charm URL, application, machine id, unit name, …). */
  results: Map<string, string>;
  /** addCharm change id -> the origin AddCharm answered with (in a dry run: the one asked for). */
  origins: Map<string, CharmOrigin>;
  dryRun: boolean;
  architecture: string;
  unitMachineTimeoutMs: number;
  signal: AbortSignal | undefined;
}

/** A change made ready to run: the call it will make, and the function that makes it. */
export interface PreparedChange {
  subject: string;
  call: BundleCall;
  /** What the change stands for in a dry run, where `make` is never called. */
  predicted: string;
  make(): Promise<string>;
}

/** What each change handler gets: the change, the run so far, and its `$ref`-resolved args. */
interface Step {
  change: BundleChangesMapArgs;
  args: Record<string, unknown>;
  run: BundleRun;
  /** An argument with `$id` references substituted by earlier results; missing is an error. */
  need(key: string): string;
}

type Preparer = (step: Step) => Promise<PreparedChange> | PreparedChange;

/** One small function per change method (bundlechanges' vocabulary), looked up by name. */
const PREPARERS: Readonly<Record<string, Preparer>> = {
  addCharm: prepareAddCharm,
  deploy: prepareDeploy,
  addMachines: prepareAddMachine,
  addUnit: prepareAddUnit,
  addRelation: ({ run, need }) => {
    const endpoints: [string, string] = [need('endpoint1'), need('endpoint2')];
    return {
      subject: endpoints.join(' '),
      call: { facade: 'Application', method: 'AddRelation', params: { endpoints } },
      predicted: endpoints.join(' '),
      make: async () => {
        await run.client.applications.addRelation(endpoints);
        return endpoints.join(' ');
      },
    };
  },
  expose: ({ run, args, need }) => {
    const application = need('application');
    const endpoints = args['exposed-endpoints'] as Parameters<typeof run.client.applications.expose>[1];
    return {
      subject: application,
      call: { facade: 'Application', method: 'Expose', params: { application } },
      predicted: application,
      make: async () => {
        await run.client.applications.expose(application, endpoints ?? undefined);
        return application;
      },
    };
  },
  setAnnotations: ({ run, change, args, need }) => {
    const entity = `${arg(change, 'entity-type') === 'machine' ? 'machine' : 'application'}-${need('id')}`;
    const annotations = [{ entity, annotations: args.annotations as Record<string, string> }];
    return {
      subject: entity,
      call: { facade: 'Annotations', method: 'Set', params: { annotations } },
      predicted: entity,
      make: async () => {
        only(await run.client.annotations.set(annotations));
        return entity;
      },
    };
  },
  setOptions: ({ run, args, need }) => {
    const application = need('application');
    const configs = [{ application, config: args.options as Record<string, unknown> }];
    return {
      subject: application,
      call: { facade: 'Application', method: 'SetConfigs', params: { Args: configs } },
      predicted: application,
      make: async () => {
        only(await run.client.applications.setConfigs(configs));
        return application;
      },
    };
  },
  setConstraints: ({ run, change, need }) => {
    const application = need('application');
    const constraints = parseConstraints(arg(change, 'constraints') ?? '');
    return {
      subject: application,
      call: { facade: 'Application', method: 'SetConstraints', params: { application, constraints } },
      predicted: application,
      make: async () => {
        await run.client.applications.setConstraints(application, constraints);
        return application;
      },
    };
  },
};

/** The change's call, with `$id` references resolved from what earlier changes produced. */
export function prepareChange(change: BundleChangesMapArgs, run: BundleRun): Promise<PreparedChange> {
  const need = (key: string): string => {
    const raw = arg(change, key);
    const value = raw === undefined ? undefined : substitute(raw, run.results);
    if (value === undefined)
      throw new JujuBundleError(`change ${change.id} has no usable "${key}" (${raw ?? 'missing'})`);
    return value;
  };
  const preparer = Object.hasOwn(PREPARERS, change.method) ? PREPARERS[change.method] : undefined;
  if (preparer === undefined) {
    throw new JujuBundleError(
      `change method "${change.method}" is not supported by this client (offers, k8s scale and charm upgrades are not implemented)`,
    );
  }
  return Promise.resolve(preparer({ change, args: change.args as Record<string, unknown>, run, need }));
}

/** What a change acts on, for progress and journals, from the results known so far (never waits). */
export function subjectOf(change: BundleChangesMapArgs, results: ReadonlyMap<string, string>): string {
  const resolved = (key: string) => substitute(arg(change, key) ?? '', results) ?? arg(change, key) ?? '';
  switch (change.method) {
    case 'addCharm':
      return resolved('charm');
    case 'addUnit':
      return `${resolved('application')}:${resolved('to')}`;
    case 'addRelation':
      return `${resolved('endpoint1')} ${resolved('endpoint2')}`;
    case 'addMachines':
    case 'setAnnotations':
      return change.id;
    default:
      return resolved('application');
  }
}

function prepareAddCharm({ change, run }: Step): PreparedChange {
  const charm = arg(change, 'charm') ?? '';
  if (charm.startsWith('local:') || charm.startsWith('.') || charm.startsWith('/')) {
    throw new JujuBundleError(
      `local charm ${charm}: uploading local charms is not supported; use a Charmhub charm`,
    );
  }
  const { track, risk } = parseChannel(arg(change, 'channel') ?? '');
  const base = arg(change, 'base');
  const origin: CharmOrigin = {
    source: 'charm-hub',
    type: 'charm',
    id: '',
    risk: risk || 'stable',
    architecture: arg(change, 'architecture') ?? run.architecture,
    ...(track ? { track } : {}),
    ...(base ? { base: parseBase(base) } : {}),
    ...(typeof (change.args as Record<string, unknown>).revision === 'number'
      ? { revision: (change.args as Record<string, number>).revision }
      : {}),
  };
  // A dry run never resolves (that reads Charmhub): the deploy that follows shows the origin asked for.
  if (run.dryRun) run.origins.set(change.id, origin);
  return {
    subject: charm,
    call: { facade: 'Charms', method: 'AddCharm', params: { url: `ch:${charm}`, 'charm-origin': origin } },
    predicted: `ch:${charm}`,
    make: async () => {
      const resolved = only(
        await run.client.charms.resolveCharms([{ reference: charm, 'charm-origin': origin }]),
      );
      const resolvedOrigin = { ...resolved['charm-origin'], ...(base ? { base: parseBase(base) } : {}) };
      const added = await run.client.charms.addCharm({ url: resolved.url, 'charm-origin': resolvedOrigin });
      run.origins.set(change.id, added);
      return resolved.url;
    },
  };
}

function prepareDeploy({ change, args, run, need }: Step): PreparedChange {
  const application = need('application');
  const charmRef = arg(change, 'charm') ?? '';
  const origin = run.origins.get(charmRef.slice(1));
  if (!origin)
    throw new JujuBundleError(`deploy ${application}: charm ${charmRef} was not added by this run`);
  const options = args.options as Record<string, unknown> | undefined;
  const deploy = {
    application,
    'charm-url': need('charm'),
    'charm-origin': origin,
    channel: arg(change, 'channel') ?? '',
    'num-units': typeof args['num-units'] === 'number' ? args['num-units'] : 0,
    'config-yaml': options && Object.keys(options).length > 0 ? stringify({ [application]: options }) : '',
    constraints: parseConstraints(arg(change, 'constraints') ?? ''),
    ...(args['endpoint-bindings']
      ? { 'endpoint-bindings': args['endpoint-bindings'] as Record<string, string> }
      : {}),
  };
  return {
    subject: application,
    call: { facade: 'Application', method: 'Deploy', params: { applications: [deploy] } },
    predicted: application,
    make: async () => {
      only(await run.client.applications.deploy([deploy]));
      return application;
    },
  };
}

async function prepareAddMachine({ change, run }: Step): Promise<PreparedChange> {
  const parent = arg(change, 'parent-id');
  const params = {
    constraints: parseConstraints(arg(change, 'constraints') ?? ''),
    'container-type': arg(change, 'container-type') ?? '',
    'parent-id': parent ? await machineOf(parent, run) : '',
    ...(arg(change, 'base') ? { base: parseBase(arg(change, 'base') ?? '') } : {}),
  };
  return {
    subject: change.id,
    call: { facade: 'MachineManager', method: 'AddMachines', params: { params: [params] } },
    predicted: `<new machine for ${change.id}>`,
    make: async () => only(await run.client.machineManager.addMachines([params])).machine,
  };
}

async function prepareAddUnit({ change, run, need }: Step): Promise<PreparedChange> {
  const application = need('application');
  const to = arg(change, 'to');
  const placement: Placement[] = to ? [await placementFor(to, run)] : [];
  const params = { application, 'num-units': 1, placement };
  return {
    subject: `${application}:${placement[0]?.directive ?? ''}`,
    call: { facade: 'Application', method: 'AddUnits', params },
    predicted: `<unit of ${application}>`,
    make: async () => {
      const unit = (await run.client.applications.addUnits(params))[0];
      if (!unit) throw new JujuBundleError(`AddUnits for ${application} returned no unit`);
      return unit;
    },
  };
}

/** `$addMachines-3` -> its machine id; `$addUnit-5` -> the machine that unit landed on. */
async function machineOf(ref: string, run: BundleRun): Promise<string> {
  const value = substitute(ref, run.results);
  if (value === undefined) throw new JujuBundleError(`unresolved reference ${ref}`);
  if (!ref.startsWith('$addUnit-')) return value;
  // A unit a dry run did not add has no machine to wait for.
  if (run.dryRun) return `<machine of ${value}>`;
  return unitMachine(run.client, value, run.unitMachineTimeoutMs, run.signal);
}

async function placementFor(to: string, run: BundleRun): Promise<Placement> {
  if (!to.startsWith('$')) return parsePlacement(to);
  return { scope: MACHINE_SCOPE, directive: await machineOf(to, run) };
}

/** Waits until FullStatus shows which machine a unit was assigned to (assignment is asynchronous). */
async function unitMachine(
  client: JujuClient,
  unit: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string> {
  const app = unit.split('/')[0] ?? '';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await client.client.fullStatus({ patterns: [unit] });
    const machine = status.applications[app]?.units[unit]?.machine;
    if (machine) return machine;
    if (Date.now() > deadline || signal?.aborted) {
      throw new JujuError(
        `unit ${unit} got no machine within ${timeoutMs} ms; cannot place a unit next to it`,
      );
    }
    await sleep(1_000, signal).catch(() => {
      throw new JujuAbortError(`aborted while waiting for unit ${unit} to get a machine`);
    });
  }
}

function parseChannel(channel: string): { track: string; risk: string } {
  const parts = channel.split('/');
  if (parts.length === 1) return { track: '', risk: parts[0] ?? '' };
  return { track: parts[0] ?? '', risk: parts[1] ?? '' };
}

/** `ubuntu@24.04` (bundlechanges) -> `{name: ubuntu, channel: 24.04}`. */
export function parseBase(base: string): { name: string; channel: string } {
  // Exactly one `@`: `ubuntu@24.04@evil` is an error, not `ubuntu@24.04` with the rest dropped.
  const [name, channel, ...rest] = base.split('@');
  if (!name || !channel || rest.length > 0)
    throw new JujuBundleError(`base "${base}" is not of the form name@channel (e.g. ubuntu@24.04)`);
  return { name, channel };
}
