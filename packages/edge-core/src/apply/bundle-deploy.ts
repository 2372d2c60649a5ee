import { stringify as stringifyYaml } from 'yaml';
import { ApplyStepError } from '../plan/errors.js';
import type { Plan } from '../plan/schema.js';
import { deployableBundle } from './deployable.js';
import type { BundleChange, CharmOriginView, JujuApi, StatusView } from './juju-api.js';
import { baseOf, wireConstraints } from './juju-wire.js';
import { mapBounded } from './parallel.js';
import { errorText, type StepRunner } from './runner.js';

/** `$deploy-3` → the application that change deployed; `$deploy-3:etcd` → `etcd:etcd`. */
function resolveRef(value: unknown, names: ReadonlyMap<string, string>): string {
  const text = String(value ?? '');
  if (!text.startsWith('$')) return text;
  const [ref = '', endpoint] = text.slice(1).split(':');
  const name = names.get(ref);
  if (name === undefined)
    throw new ApplyStepError(`bundle change refers to ${text}, which no earlier change produced`);
  return endpoint === undefined ? name : `${name}:${endpoint}`;
}

/** Which bundle machine each addMachines change creates: from machine annotations, else key order. */
function machineChangeHostnames(plan: Plan, changes: readonly BundleChange[]): Map<string, string> {
  const byChange = new Map<string, string>();
  for (const change of changes) {
    if (change.method !== 'setAnnotations' || change.args['entity-type'] !== 'machine') continue;
    const hostname = (change.args.annotations as Record<string, string> | undefined)?.['edgekit-hostname'];
    if (hostname !== undefined) byChange.set(String(change.args.id).replace(/^\$/, ''), hostname);
  }
  const machineChanges = changes.filter(
    (change) => change.method === 'addMachines' && change.args['container-type'] === undefined,
  );
  if (byChange.size < machineChanges.length) {
    // bundlechanges adds machines in natural order of their keys ("0", "1", ..., "10").
    const keys = plan.outputs.juju.machines.map((m) => m.bundleMachine).sort((a, b) => Number(a) - Number(b));
    machineChanges.forEach((change, index) => {
      const key = keys[index];
      const hostname = plan.outputs.juju.machines.find((m) => m.bundleMachine === key)?.hostname;
      if (!byChange.has(change.id) && hostname !== undefined) byChange.set(change.id, hostname);
    });
  }
  return byChange;
}

function charmOrigin(args: Record<string, unknown>, plan: Plan): CharmOriginView {
  const channel = typeof args.channel === 'string' ? args.channel : 'stable';
  const [trackOrRisk = 'stable', maybeRisk] = channel.split('/');
  const base = baseOf(plan);
  return {
    source: 'charm-hub',
    type: 'charm',
    id: '',
    risk: maybeRisk ?? trackOrRisk,
    ...(maybeRisk === undefined ? {} : { track: trackOrRisk }),
    base,
    architecture: 'amd64',
  };
}

function relationExists(status: StatusView, endpoints: [string, string]): boolean {
  return (status.relations ?? []).some((relation) => {
    const sides = relation.key.split(' ');
    return endpoints.every((endpoint) =>
      sides.some((side) => (endpoint.includes(':') ? side === endpoint : side.startsWith(`${endpoint}:`))),
    );
  });
}

/** One run of deployBundle: the plan, the model as read at the start, and what earlier changes produced. */
interface Deployment {
  plan: Plan;
  juju: JujuApi;
  runner: StepRunner;
  status: StatusView;
  jujuMachines: ReadonlyMap<string, string>;
  machineHostnames: ReadonlyMap<string, string>;
  /** change id → what it produced (application name, machine id, unit name). */
  names: Map<string, string>;
  /** addCharm change id → its args, for the deploy that refers to it. */
  charms: Map<string, Record<string, unknown>>;
}

type ChangeHandler = (change: BundleChange, run: Deployment) => Promise<void>;

/** One function per change method; a change whose effect FullStatus already shows is skipped. */
const HANDLERS: Readonly<Record<string, ChangeHandler>> = {
  addCharm: async (change, run) => {
    run.charms.set(change.id, change.args);
  },
  deploy: deployApplication,
  addMachines: async (change, run) => {
    const hostname = run.machineHostnames.get(change.id);
    const machine = hostname === undefined ? undefined : run.jujuMachines.get(hostname);
    if (machine === undefined)
      throw new ApplyStepError(`bundle machine change ${change.id} matches no planned machine`);
    run.names.set(change.id, machine);
  },
  addUnit: addUnitToMachine,
  addRelation: addRelation,
  expose: async (change, run) => {
    const app = resolveRef(change.args.application, run.names);
    if (run.status.applications[app]?.exposed === true) return;
    await run.runner.mutate(
      `expose:${app}`,
      { service: 'juju', call: 'Application.Expose', params: { application: app } },
      () => run.juju.expose(app),
    );
  },
};

async function deployApplication(change: BundleChange, run: Deployment): Promise<void> {
  const { args } = change;
  const app = String(args.application);
  run.names.set(change.id, app);
  const step = `deploy:${app}`;
  if (run.status.applications[app] !== undefined) {
    run.runner.emit({ type: 'step-skip', step, reason: 'application exists' });
    return;
  }
  run.runner.emit({ type: 'step-start', step });
  const charmArgs = run.charms.get(String(args.charm).replace(/^\$/, '')) ?? args;
  const reference = String(charmArgs.charm ?? args.charm);
  const origin = charmOrigin({ ...charmArgs, channel: args.channel ?? charmArgs.channel }, run.plan);
  // Resolution only reads Charmhub; a dry run shows the reference instead of resolving it.
  const resolved = run.runner.dryRun
    ? { url: `ch:${reference}`, origin }
    : await run.juju.resolveCharm(reference, origin);
  const added = await run.runner.mutate(
    `charm:${app}`,
    {
      service: 'juju',
      call: 'Charms.AddCharm',
      params: { url: resolved.url, 'charm-origin': resolved.origin },
    },
    () => run.juju.addCharm(resolved.url, resolved.origin),
  );
  const options = args.options as Record<string, unknown> | undefined;
  const deploy = {
    application: app,
    'charm-url': resolved.url,
    'charm-origin': added ?? resolved.origin,
    channel: typeof args.channel === 'string' ? args.channel : '',
    'num-units': 0,
    'config-yaml': options === undefined ? '' : stringifyYaml({ [app]: options }),
    constraints: typeof args.constraints === 'string' ? wireConstraints(args.constraints) : {},
  };
  await run.runner.mutate(
    step,
    { service: 'juju', call: 'Application.Deploy', params: { applications: [deploy] } },
    () => run.juju.deploy(deploy),
  );
  run.runner.emit({ type: 'step-done', step });
}

async function addUnitToMachine(change: BundleChange, run: Deployment): Promise<void> {
  const app = resolveRef(change.args.application, run.names);
  const machine = resolveRef(change.args.to, run.names);
  const step = `unit:${app}:${machine}`;
  const units = run.status.applications[app]?.units ?? {};
  const existing = Object.entries(units).find(([, unit]) => unit.machine === machine);
  if (existing !== undefined) {
    run.names.set(change.id, existing[0]);
    run.runner.emit({ type: 'step-skip', step, reason: `${existing[0]} exists` });
    return;
  }
  const added = await run.runner.mutate(
    step,
    {
      service: 'juju',
      call: 'Application.AddUnits',
      params: { application: app, 'num-units': 1, placement: [{ scope: '#', directive: machine }] },
    },
    () => run.juju.addUnit(app, machine),
    (unitNames) => unitNames,
  );
  run.names.set(change.id, added?.[0] ?? `<unit of ${app}>`);
}

async function addRelation(change: BundleChange, run: Deployment): Promise<void> {
  const endpoints: [string, string] = [
    resolveRef(change.args.endpoint1, run.names),
    resolveRef(change.args.endpoint2, run.names),
  ];
  const step = `relate:${endpoints.join(' ')}`;
  if (relationExists(run.status, endpoints)) {
    run.runner.emit({ type: 'step-skip', step, reason: 'relation exists' });
    return;
  }
  try {
    await run.runner.mutate(
      step,
      { service: 'juju', call: 'Application.AddRelation', params: { endpoints } },
      () => run.juju.addRelation(endpoints),
    );
  } catch (error) {
    // The relation was made by an attempt whose answer was lost.
    if (!/already exists/.test(errorText(error))) throw error;
    run.runner.emit({ type: 'reconcile', step, detail: 'relation already exists' });
  }
}

/**
 * Deploys the bundle + overlay: the controller computes the change list (Bundle.GetChangesMapArgs)
 * and each change is made only if FullStatus does not show it made already. Machines are the ones
 * `ensureJujuMachines` pinned; units go to them by `#` placement.
 */
export async function deployBundle(
  plan: Plan,
  jujuMachines: ReadonlyMap<string, string>,
  juju: JujuApi,
  runner: StepRunner,
): Promise<void> {
  const changes = await juju.bundleChanges(deployableBundle(plan));
  const run: Deployment = {
    plan,
    juju,
    runner,
    status: await juju.fullStatus(),
    jujuMachines,
    machineHostnames: machineChangeHostnames(plan, changes),
    names: new Map(),
    charms: new Map(),
  };
  const execute = (change: BundleChange): Promise<void> => {
    const handler = Object.hasOwn(HANDLERS, change.method) ? HANDLERS[change.method] : undefined;
    if (handler !== undefined) return handler(change, run);
    // setAnnotations and the like carry no placement or workload; the GUI positions are not needed.
    runner.emit({
      type: 'step-skip',
      step: `${change.method}:${change.id}`,
      reason: 'not needed to run the workload',
    });
    return Promise.resolve();
  };
  // Changes run in waves: everything whose prerequisites are done goes at once (bounded), which is
  // what keeps a bundle of dozens of relations and units from costing dozens of round trips in a row.
  const done = new Set<string>();
  let pending = [...changes];
  while (pending.length > 0) {
    const ready = pending.filter((change) => change.requires.every((id) => done.has(id)));
    if (ready.length === 0)
      throw new ApplyStepError(`bundle changes ${pending.map((c) => c.id).join(', ')} wait on each other`);
    // A change cut off by a transient failure fails the phase, which runs again from a fresh look at
    // the model: each change checks FullStatus before acting, so one that did land is not made twice.
    await mapBounded(ready, 8, execute);
    for (const change of ready) done.add(change.id);
    pending = pending.filter((change) => !done.has(change.id));
  }
}
