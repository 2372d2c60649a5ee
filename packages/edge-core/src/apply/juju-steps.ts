import { stringify as stringifyYaml } from 'yaml';
import { parseConstraints } from '../outputs/constraints.js';
import { ApplyStepError } from '../plan/errors.js';
import type { Plan } from '../plan/schema.js';
import { deployableBundle } from './deployable.js';
import type { Journal } from './journal.js';
import type { BundleChange, CharmOriginView, JujuApi, StatusView } from './juju-api.js';
import { mapBounded } from './parallel.js';
import { errorText, type StepRunner } from './runner.js';
import { type RetryOptions, retryTransient } from './transient.js';

export interface JujuStepOptions {
  pollIntervalMs: number;
  /** How reads, and writes that re-check the live state first, are repeated after transient failures. */
  retry: RetryOptions;
  /** How long to wait for machines added by an earlier, interrupted run to be provisioned. */
  provisionTimeoutMs: number;
  activeTimeoutMs: number;
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Juju's wire constraints (`Value`): sizes in MiB, lists for tags and zones. */
export function wireConstraints(text: string): Record<string, unknown> {
  const parsed = parseConstraints(text);
  const value: Record<string, unknown> = {};
  if (parsed.cores !== undefined) value.cores = parsed.cores;
  if (parsed.memMiB !== undefined) value.mem = parsed.memMiB;
  if (parsed.rootDiskMiB !== undefined) value['root-disk'] = parsed.rootDiskMiB;
  if (parsed.tags !== undefined) value.tags = parsed.tags;
  if (parsed.zones !== undefined) value.zones = parsed.zones;
  if (parsed.arch !== undefined) value.arch = parsed.arch;
  return value;
}

function baseOf(plan: Plan): { name: string; channel: string } {
  const [name = 'ubuntu', channel = ''] = plan.workload.base.split('@');
  return { name, channel };
}

/** Juju machines already standing for planned machines: matched by MAAS system id (instance id) or hostname. */
/** Juju reports a machine it has not provisioned yet with instance id "pending" (older: empty). */
export function unprovisioned(machine: { 'instance-id': string }): boolean {
  return machine['instance-id'] === '' || machine['instance-id'] === 'pending';
}

/** hostname → Juju machine id, from the answers to earlier AddMachines calls this journal recorded. */
export function recordedJujuMachines(journal: Journal | undefined): Map<string, string> {
  const recorded = new Map<string, string>();
  for (const record of journal?.records ?? []) {
    if (
      record.kind !== 'outcome' ||
      record.step !== 'juju-machines' ||
      !record.ok ||
      !Array.isArray(record.result)
    )
      continue;
    for (const item of record.result as { hostname?: unknown; machine?: unknown }[]) {
      if (typeof item.hostname === 'string' && typeof item.machine === 'string')
        recorded.set(item.hostname, item.machine);
    }
  }
  return recorded;
}

/**
 * Juju machines already standing for planned machines: matched by MAAS system id (instance id) or
 * hostname once provisioned, and, while still provisioning, by the machine id an earlier AddMachines
 * answered with (as the journal recorded it).
 */
function matchMachines(
  plan: Plan,
  systemIds: ReadonlyMap<string, string>,
  status: StatusView,
  recorded: ReadonlyMap<string, string>,
): Map<string, string> {
  const matched = new Map<string, string>();
  for (const machine of Object.values(status.machines)) {
    for (const planned of plan.placement.machines) {
      const systemId = systemIds.get(planned.hostname);
      const byInstance = !unprovisioned(machine) && machine['instance-id'] === systemId;
      const byName = machine.hostname === planned.hostname;
      const byRecord =
        recorded.get(planned.hostname) === machine.id && (unprovisioned(machine) || byInstance);
      if (byInstance || byName || byRecord) matched.set(planned.hostname, machine.id);
    }
  }
  return matched;
}

function pendingMachines(status: StatusView): string[] {
  return Object.values(status.machines)
    .filter((machine) => unprovisioned(machine) && machine['instance-status'].status !== 'provisioning error')
    .map((machine) => machine.id);
}

/**
 * One Juju machine per planned machine, pinned to its MAAS node by a placement directive (hostname,
 * or `system-id=` for bare metal). An AddMachines call whose answer a crash swallowed is reconciled by
 * waiting for the machines it may have added to be provisioned, then matching them by instance id:
 * adding again blindly would leave a second Juju machine failing to find its node.
 */
export async function ensureJujuMachines(
  plan: Plan,
  systemIds: ReadonlyMap<string, string>,
  juju: JujuApi,
  runner: StepRunner,
  journal: Journal | undefined,
  options: JujuStepOptions,
): Promise<Map<string, string>> {
  const step = 'juju-machines';
  const read = () => retryTransient(() => juju.fullStatus(), options.retry);
  const recorded = recordedJujuMachines(journal);
  let status = await read();
  let matched = matchMachines(plan, systemIds, status, recorded);
  const inDoubt = journal?.inDoubt().includes(step) === true || journal?.lastOutcome(step)?.ok === false;
  if (matched.size < plan.placement.machines.length && inDoubt) {
    const deadline = Date.now() + options.provisionTimeoutMs;
    while (pendingMachines(status).length > 0 && Date.now() < deadline) {
      runner.emit({
        type: 'reconcile',
        step,
        detail: `waiting for machines ${pendingMachines(status).join(', ')} of an interrupted run`,
      });
      await sleep(options.pollIntervalMs);
      status = await read();
    }
    matched = matchMachines(plan, systemIds, status, recorded);
  }
  const missing = plan.outputs.juju.machines.filter((machine) => !matched.has(machine.hostname));
  if (missing.length === 0) {
    runner.emit({ type: 'step-skip', step, reason: 'every planned machine is in the model' });
    return matched;
  }
  runner.emit({ type: 'step-start', step, detail: missing.map((m) => m.hostname).join(', ') });
  const params = missing.map((machine) => ({
    constraints: wireConstraints(machine.constraints),
    // An unscoped directive is sent with the model UUID as scope, as the Go CLI does.
    placement: { scope: juju.modelUUID, directive: machine.placement },
    base: baseOf(plan),
  }));
  const results = await runner.mutate(
    step,
    {
      service: 'juju',
      call: 'MachineManager.AddMachines',
      params: { params: params.map((p) => ({ jobs: ['JobHostUnits'], ...p })) },
    },
    () => juju.addMachines(params),
    (items) =>
      items.map((item, index) => ({
        hostname: missing[index]?.hostname,
        ...(item.ok ? item.value : { error: item.error.message }),
      })),
  );
  if (results === undefined) {
    for (const machine of missing) matched.set(machine.hostname, `<new machine for ${machine.hostname}>`);
    return matched;
  }
  results.forEach((item, index) => {
    const hostname = missing[index]?.hostname ?? '?';
    if (!item.ok)
      throw new ApplyStepError(`Juju could not add a machine for ${hostname}: ${item.error.message}`, {
        cause: item.error,
      });
    matched.set(hostname, item.value.machine);
  });
  runner.emit({ type: 'step-done', step });
  return matched;
}

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
  options: JujuStepOptions,
): Promise<void> {
  const changes = await retryTransient(() => juju.bundleChanges(deployableBundle(plan)), options.retry);
  const read = () => retryTransient(() => juju.fullStatus(), options.retry);
  let status = await read();
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
    // A change cut off by a transient failure is tried again only after a fresh look at the model:
    // each change checks FullStatus before acting, so one that did land is not made twice.
    await mapBounded(ready, 8, (change) =>
      retryTransient(
        async (attempt) => {
          if (attempt > 1) status = await read();
          await execute(change);
        },
        options.retry,
        (error) =>
          runner.emit({
            type: 'reconcile',
            step: change.id,
            detail: `transient failure, looking again (${errorText(error)})`,
          }),
      ),
    );
    for (const change of ready) done.add(change.id);
    pending = pending.filter((change) => !done.has(change.id));
  }
}

function unitProblems(plan: Plan, status: StatusView): { waiting: string[]; failed: string[] } {
  const waiting: string[] = [];
  const failed: string[] = [];
  for (const [app, spec] of Object.entries(plan.workload.applications)) {
    if (spec.subordinate) continue;
    const expected = plan.placement.machines.filter((m) =>
      plan.workload.roles[m.role]?.applications.includes(app),
    ).length;
    const units = Object.entries(status.applications[app]?.units ?? {});
    if (units.length < expected) waiting.push(`${app}: ${units.length}/${expected} units`);
    for (const [name, unit] of units) {
      const workload = unit['workload-status'].status;
      const agent = unit['agent-status'].status;
      if (workload === 'error' || agent === 'error')
        failed.push(`${name}: ${unit['workload-status'].info || unit['agent-status'].info}`);
      else if (workload !== 'active' || agent !== 'idle') waiting.push(`${name}: ${workload}/${agent}`);
    }
  }
  for (const machine of Object.values(status.machines)) {
    if (
      machine['agent-status'].status === 'error' ||
      machine['instance-status'].status === 'provisioning error'
    ) {
      failed.push(`machine ${machine.id}: ${machine['instance-status'].info}`);
    }
  }
  return { waiting, failed };
}

/** Polls FullStatus until every planned unit is active and idle; a unit or machine in error fails it. */
export async function waitActive(
  plan: Plan,
  juju: JujuApi,
  runner: StepRunner,
  options: JujuStepOptions,
): Promise<StatusView> {
  const step = 'wait-active';
  const deadline = Date.now() + options.activeTimeoutMs;
  runner.emit({ type: 'step-start', step });
  for (;;) {
    options.signal?.throwIfAborted();
    const status = await retryTransient(() => juju.fullStatus(), options.retry);
    const { waiting, failed } = unitProblems(plan, status);
    if (failed.length > 0)
      throw new ApplyStepError(`units failed: ${failed.join('; ')}`, {
        hint: 'see juju status; fix and run apply again',
      });
    if (waiting.length === 0) {
      runner.emit({ type: 'step-done', step });
      return status;
    }
    if (Date.now() > deadline) throw new ApplyStepError(`timed out waiting for units: ${waiting.join('; ')}`);
    runner.emit({ type: 'wait', step, status: `${waiting.length} waiting` });
    await sleep(options.pollIntervalMs);
  }
}
