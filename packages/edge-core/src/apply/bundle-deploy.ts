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
  const status = await juju.fullStatus();
  const machineHostnames = machineChangeHostnames(plan, changes);
  const names = new Map<string, string>();
  const charms = new Map<string, Record<string, unknown>>();
  const execute = async (change: BundleChange): Promise<void> => {
    const { args } = change;
    switch (change.method) {
      case 'addCharm':
        charms.set(change.id, args);
        break;
      case 'deploy': {
        const app = String(args.application);
        names.set(change.id, app);
        const step = `deploy:${app}`;
        if (status.applications[app] !== undefined) {
          runner.emit({ type: 'step-skip', step, reason: 'application exists' });
          break;
        }
        runner.emit({ type: 'step-start', step });
        const charmArgs = charms.get(String(args.charm).replace(/^\$/, '')) ?? args;
        const reference = String(charmArgs.charm ?? args.charm);
        const origin = charmOrigin({ ...charmArgs, channel: args.channel ?? charmArgs.channel }, plan);
        // Resolution only reads Charmhub; a dry run shows the reference instead of resolving it.
        const resolved = runner.dryRun
          ? { url: `ch:${reference}`, origin }
          : await juju.resolveCharm(reference, origin);
        const added = await runner.mutate(
          `charm:${app}`,
          {
            service: 'juju',
            call: 'Charms.AddCharm',
            params: { url: resolved.url, 'charm-origin': resolved.origin },
          },
          () => juju.addCharm(resolved.url, resolved.origin),
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
        await runner.mutate(
          step,
          { service: 'juju', call: 'Application.Deploy', params: { applications: [deploy] } },
          () => juju.deploy(deploy),
        );
        runner.emit({ type: 'step-done', step });
        return;
      }
      case 'addMachines': {
        const hostname = machineHostnames.get(change.id);
        const machine = hostname === undefined ? undefined : jujuMachines.get(hostname);
        if (machine === undefined)
          throw new ApplyStepError(`bundle machine change ${change.id} matches no planned machine`);
        names.set(change.id, machine);
        return;
      }
      case 'addUnit': {
        const app = resolveRef(args.application, names);
        const machine = resolveRef(args.to, names);
        const step = `unit:${app}:${machine}`;
        const units = status.applications[app]?.units ?? {};
        const existing = Object.entries(units).find(([, unit]) => unit.machine === machine);
        if (existing !== undefined) {
          names.set(change.id, existing[0]);
          runner.emit({ type: 'step-skip', step, reason: `${existing[0]} exists` });
          break;
        }
        const added = await runner.mutate(
          step,
          {
            service: 'juju',
            call: 'Application.AddUnits',
            params: { application: app, 'num-units': 1, placement: [{ scope: '#', directive: machine }] },
          },
          () => juju.addUnit(app, machine),
          (unitNames) => unitNames,
        );
        names.set(change.id, added?.[0] ?? `<unit of ${app}>`);
        return;
      }
      case 'addRelation': {
        const endpoints: [string, string] = [
          resolveRef(args.endpoint1, names),
          resolveRef(args.endpoint2, names),
        ];
        const step = `relate:${endpoints.join(' ')}`;
        if (relationExists(status, endpoints)) {
          runner.emit({ type: 'step-skip', step, reason: 'relation exists' });
          break;
        }
        try {
          await runner.mutate(
            step,
            { service: 'juju', call: 'Application.AddRelation', params: { endpoints } },
            () => juju.addRelation(endpoints),
          );
        } catch (error) {
          // The relation was made by an attempt whose answer was lost.
          if (!/already exists/.test(errorText(error))) throw error;
          runner.emit({ type: 'reconcile', step, detail: 'relation already exists' });
        }
        return;
      }
      case 'expose': {
        const app = resolveRef(args.application, names);
        if (status.applications[app]?.exposed === true) break;
        await runner.mutate(
          `expose:${app}`,
          { service: 'juju', call: 'Application.Expose', params: { application: app } },
          () => juju.expose(app),
        );
        break;
      }
      default:
        // setAnnotations and the like carry no placement or workload; the GUI positions are not needed.
        runner.emit({
          type: 'step-skip',
          step: `${change.method}:${change.id}`,
          reason: 'not needed to run the workload',
        });
    }
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
