import type { BundleHooks, BundleStep, wire } from '@edgekit/juju-client';
import { ApplyStepError } from '../plan/errors.js';
import type { Plan } from '../plan/schema.js';
import { deployableBundle } from './deployable.js';
import type { JujuApi } from './juju-api.js';
import type { StepRunner } from './runner.js';

/** How journals and events name a change's step: `deploy:etcd`, `unit:etcd:3`, `relate:a:x b:y`. */
const STEP_PREFIX: Readonly<Record<string, string>> = {
  addCharm: 'charm',
  deploy: 'deploy',
  addUnit: 'unit',
  addRelation: 'relate',
  expose: 'expose',
};

/** The changes that run the workload; annotations (GUI positions) and the like are not made. */
const WORKLOAD_METHODS: ReadonlySet<string> = new Set([...Object.keys(STEP_PREFIX), 'addMachines']);

/** Changes in flight at once: a bundle of dozens of units and relations must not cost as many round trips. */
const BUNDLE_CONCURRENCY = 8;

function stepName({ change, subject }: BundleStep): string {
  const prefix = Object.hasOwn(STEP_PREFIX, change.method) ? STEP_PREFIX[change.method] : undefined;
  return prefix === undefined ? `${change.method}:${change.id}` : `${prefix}:${subject}`;
}

/** Which bundle machine each addMachines change creates: from machine annotations, else key order. */
function machineChangeHostnames(
  plan: Plan,
  changes: readonly wire.BundleChangesMapArgs[],
): Map<string, string> {
  const byChange = new Map<string, string>();
  for (const change of changes) {
    const args = change.args as Record<string, unknown>;
    if (change.method !== 'setAnnotations' || args['entity-type'] !== 'machine') continue;
    const hostname = (args.annotations as Record<string, string> | undefined)?.['edgekit-hostname'];
    if (hostname !== undefined) byChange.set(String(args.id).replace(/^\$/, ''), hostname);
  }
  const machineChanges = changes.filter(
    (change) =>
      change.method === 'addMachines' &&
      (change.args as Record<string, unknown>)['container-type'] === undefined,
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

/**
 * What apply plugs into juju-client's bundle executor: machines are the ones the juju-machines phase
 * pinned (never added again here), every call is announced and journalled (intent before, outcome
 * after) through the StepRunner, and a dry run describes the calls without making them.
 */
function applyHooks(plan: Plan, jujuMachines: ReadonlyMap<string, string>, runner: StepRunner): BundleHooks {
  let hostnames: Map<string, string> | undefined;
  return {
    known: (change, changes) => {
      if (!WORKLOAD_METHODS.has(change.method))
        return { result: change.id, reason: 'not needed to run the workload' };
      if (change.method !== 'addMachines') return undefined;
      hostnames ??= machineChangeHostnames(plan, changes);
      const hostname = hostnames.get(change.id);
      const machine = hostname === undefined ? undefined : jujuMachines.get(hostname);
      if (machine === undefined)
        throw new ApplyStepError(`bundle machine change ${change.id} matches no planned machine`);
      return { result: machine, reason: `machine ${machine} was added for ${hostname}` };
    },
    before: (step, call) => {
      const name = stepName(step);
      if (step.change.method === 'deploy') runner.emit({ type: 'step-start', step: name });
      runner.announce(name, { service: 'juju', call: `${call.facade}.${call.method}`, params: call.params });
    },
    after: (step, outcome) => {
      const name = stepName(step);
      if (outcome.status === 'skipped') {
        runner.emit({ type: 'step-skip', step: name, reason: outcome.reason });
        return;
      }
      if (outcome.status === 'failed') {
        runner.settle(name, { ok: false, error: outcome.error });
        return;
      }
      if (outcome.status === 'done') {
        runner.settle(name, { ok: true, result: outcome.result });
        // The call was made by an earlier attempt whose answer was lost.
        if (outcome.note !== undefined) runner.emit({ type: 'reconcile', step: name, detail: outcome.note });
      }
      if (step.change.method === 'deploy') runner.emit({ type: 'step-done', step: name });
    },
  };
}

/**
 * Deploys the bundle + overlay through juju-client's one bundle executor: the controller computes the
 * change list (Bundle.GetChangesMapArgs) and each change is made only if FullStatus does not show it
 * made already. Machines are the ones `ensureJujuMachines` pinned; units go to them by `#` placement.
 * A change cut off by a transient failure fails the phase, which runs again from a fresh look at the
 * model, so one that did land is not made twice.
 */
export async function deployBundle(
  plan: Plan,
  jujuMachines: ReadonlyMap<string, string>,
  juju: JujuApi,
  runner: StepRunner,
  signal?: AbortSignal,
): Promise<void> {
  await juju.deployBundle(deployableBundle(plan), {
    hooks: applyHooks(plan, jujuMachines, runner),
    dryRun: runner.dryRun,
    concurrency: BUNDLE_CONCURRENCY,
    ...(signal === undefined ? {} : { signal }),
  });
}
