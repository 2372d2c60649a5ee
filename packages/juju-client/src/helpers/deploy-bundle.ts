import { sleep } from '@edgekit/common';
import { stringify } from 'yaml';
import type { JujuClient } from '../client.js';
import { JujuAbortError, JujuBundleError, JujuError } from '../core/errors.js';
import { only } from '../facades/caller.js';
import type { BundleChangesMapArgs, CharmOrigin, Placement } from '../schemas/generated.js';
import { alreadyDone, arg, orderChanges, substitute } from './bundle-plan.js';
import { parseConstraints } from './constraints.js';
import { MACHINE_SCOPE, parsePlacement } from './placement.js';

export interface BundleProgress {
  /** 1-based position in the ordered change list. */
  index: number;
  total: number;
  change: BundleChangesMapArgs;
  /** `done`: executed now; `skipped`: FullStatus shows a previous run already did it. */
  status: 'done' | 'skipped';
  /** What the change produced: charm URL, application, machine id, unit name, … */
  result: string;
}

export interface DeployBundleOptions {
  /** Overlay YAML documents, appended as extra `---` documents (as python-libjuju and the CLI merge them). */
  overlays?: string[];
  /** Called once per change, in execution order. */
  onProgress?: (event: BundleProgress) => void;
  /** Skip what FullStatus shows is done (default true): a re-run after a failure resumes. */
  resume?: boolean;
  /** Architecture for charm resolution (default amd64). */
  architecture?: string;
  /** How long to wait for a unit's machine when another unit is placed next to it (default 120 s). */
  unitMachineTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface DeployBundleResult {
  /** Change id -> produced value, for every change (executed or skipped). */
  results: Record<string, string>;
  executed: number;
  skipped: number;
}

/**
 * Deploys a bundle the way the Juju CLI does: Bundle.GetChangesMapArgs on the controller, then each
 * change in dependency order with `$id` references substituted by earlier results.
 */
export async function deployBundle(
  client: JujuClient,
  yaml: string,
  options: DeployBundleOptions = {},
): Promise<DeployBundleResult> {
  const text = [yaml, ...(options.overlays ?? [])].map((doc) => doc.replace(/^---\s*\n/, '')).join('\n---\n');
  const changes = orderChanges(await client.bundle.getChangesMapArgs(text));
  const results = new Map<string, string>();
  const origins = new Map<string, CharmOrigin>();
  const status = options.resume === false ? undefined : await client.client.fullStatus();
  const done = status ? alreadyDone(changes, status) : new Map<string, string>();
  let executed = 0;
  let index = 0;
  for (const change of changes) {
    index += 1;
    if (options.signal?.aborted) throw new JujuBundleError('bundle deployment aborted', [], change.id);
    const previous = done.get(change.id);
    if (previous !== undefined) {
      results.set(change.id, previous);
      options.onProgress?.({ index, total: changes.length, change, status: 'skipped', result: previous });
      continue;
    }
    let result: string;
    try {
      result = await execute(client, change, { results, origins, options });
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new JujuBundleError(
        `bundle change ${change.id} (${change.method}) failed: ${message}`,
        [],
        change.id,
        {
          cause,
        },
      );
    }
    executed += 1;
    results.set(change.id, result);
    options.onProgress?.({ index, total: changes.length, change, status: 'done', result });
  }
  return { results: Object.fromEntries(results), executed, skipped: changes.length - executed };
}

interface Context {
  results: Map<string, string>;
  origins: Map<string, CharmOrigin>;
  options: DeployBundleOptions;
}

/** What each change handler gets: the client, the change, the run so far, and its `$ref`-resolved args. */
interface Step {
  client: JujuClient;
  change: BundleChangesMapArgs;
  args: Record<string, unknown>;
  ctx: Context;
  /** An argument with `$id` references substituted by earlier results; missing is an error. */
  need(key: string): string;
}

/** One small function per change method (bundlechanges' vocabulary), looked up by name. */
const HANDLERS: Readonly<Record<string, (step: Step) => Promise<string>>> = {
  addCharm: ({ client, change, ctx }) => addCharm(client, change, ctx),
  deploy: deployApplication,
  addMachines: addMachine,
  addUnit: addUnit,
  addRelation: async ({ client, need }) => {
    await client.applications.addRelation([need('endpoint1'), need('endpoint2')]);
    return `${need('endpoint1')} ${need('endpoint2')}`;
  },
  expose: async ({ client, args, need }) => {
    const application = need('application');
    const endpoints = args['exposed-endpoints'] as Parameters<typeof client.applications.expose>[1];
    await client.applications.expose(application, endpoints ?? undefined);
    return application;
  },
  setAnnotations: async ({ client, change, args, need }) => {
    const entity = `${arg(change, 'entity-type') === 'machine' ? 'machine' : 'application'}-${need('id')}`;
    only(await client.annotations.set([{ entity, annotations: args.annotations as Record<string, string> }]));
    return entity;
  },
  setOptions: async ({ client, args, need }) => {
    const application = need('application');
    only(
      await client.applications.setConfigs([
        { application, config: args.options as Record<string, unknown> },
      ]),
    );
    return application;
  },
  setConstraints: async ({ client, change, need }) => {
    const application = need('application');
    await client.applications.setConstraints(application, parseConstraints(arg(change, 'constraints') ?? ''));
    return application;
  },
};

function execute(client: JujuClient, change: BundleChangesMapArgs, ctx: Context): Promise<string> {
  const need = (key: string): string => {
    const raw = arg(change, key);
    const value = raw === undefined ? undefined : substitute(raw, ctx.results);
    if (value === undefined)
      throw new JujuBundleError(`change ${change.id} has no usable "${key}" (${raw ?? 'missing'})`);
    return value;
  };
  const handler = Object.hasOwn(HANDLERS, change.method) ? HANDLERS[change.method] : undefined;
  if (handler === undefined) {
    throw new JujuBundleError(
      `change method "${change.method}" is not supported by this client (offers, k8s scale and charm upgrades are not implemented)`,
    );
  }
  return handler({ client, change, args: change.args as Record<string, unknown>, ctx, need });
}

async function deployApplication({ client, change, args, ctx, need }: Step): Promise<string> {
  const application = need('application');
  const charmRef = arg(change, 'charm') ?? '';
  const origin = ctx.origins.get(charmRef.slice(1));
  if (!origin)
    throw new JujuBundleError(`deploy ${application}: charm ${charmRef} was not added by this run`);
  const options = args.options as Record<string, unknown> | undefined;
  only(
    await client.applications.deploy([
      {
        application,
        'charm-url': need('charm'),
        'charm-origin': origin,
        channel: arg(change, 'channel') ?? '',
        'num-units': typeof args['num-units'] === 'number' ? args['num-units'] : 0,
        'config-yaml':
          options && Object.keys(options).length > 0 ? stringify({ [application]: options }) : '',
        constraints: parseConstraints(arg(change, 'constraints') ?? ''),
        ...(args['endpoint-bindings']
          ? { 'endpoint-bindings': args['endpoint-bindings'] as Record<string, string> }
          : {}),
      },
    ]),
  );
  return application;
}

async function addMachine({ client, change, ctx }: Step): Promise<string> {
  const parent = arg(change, 'parent-id');
  const params = {
    constraints: parseConstraints(arg(change, 'constraints') ?? ''),
    'container-type': arg(change, 'container-type') ?? '',
    'parent-id': parent ? await machineOf(client, parent, ctx) : '',
    ...(arg(change, 'base') ? { base: parseBase(arg(change, 'base') ?? '') } : {}),
  };
  return only(await client.machineManager.addMachines([params])).machine;
}

async function addUnit({ client, change, ctx, need }: Step): Promise<string> {
  const to = arg(change, 'to');
  const placement: Placement[] = to ? [await placementFor(client, to, ctx)] : [];
  const units = await client.applications.addUnits({
    application: need('application'),
    'num-units': 1,
    placement,
  });
  const unit = units[0];
  if (!unit) throw new JujuBundleError(`AddUnits for ${need('application')} returned no unit`);
  return unit;
}

async function addCharm(client: JujuClient, change: BundleChangesMapArgs, ctx: Context): Promise<string> {
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
    architecture: arg(change, 'architecture') ?? ctx.options.architecture ?? 'amd64',
    ...(track ? { track } : {}),
    ...(base ? { base: parseBase(base) } : {}),
    ...(typeof (change.args as Record<string, unknown>).revision === 'number'
      ? { revision: (change.args as Record<string, number>).revision }
      : {}),
  };
  const resolved = only(await client.charms.resolveCharms([{ reference: charm, 'charm-origin': origin }]));
  const resolvedOrigin = { ...resolved['charm-origin'], ...(base ? { base: parseBase(base) } : {}) };
  const added = await client.charms.addCharm({ url: resolved.url, 'charm-origin': resolvedOrigin });
  ctx.origins.set(change.id, added);
  return resolved.url;
}

/** `$addMachines-3` -> its machine id; `$addUnit-5` -> the machine that unit landed on. */
async function machineOf(client: JujuClient, ref: string, ctx: Context): Promise<string> {
  const value = substitute(ref, ctx.results);
  if (value === undefined) throw new JujuBundleError(`unresolved reference ${ref}`);
  if (!ref.startsWith('$addUnit-')) return value;
  return unitMachine(client, value, ctx.options.unitMachineTimeoutMs ?? 120_000, ctx.options.signal);
}

async function placementFor(client: JujuClient, to: string, ctx: Context): Promise<Placement> {
  if (!to.startsWith('$')) return parsePlacement(to);
  return { scope: MACHINE_SCOPE, directive: await machineOf(client, to, ctx) };
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
