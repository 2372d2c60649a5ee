import { sleep } from '@edgekit/common';
import { ApplyStepError } from '../plan/errors.js';
import type { Plan } from '../plan/schema.js';
import type { Journal } from './journal.js';
import type { JujuApi, StatusView } from './juju-api.js';
import { baseOf, type JujuStepOptions, wireConstraints } from './juju-wire.js';
import type { StepRunner } from './runner.js';

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
  const read = () => juju.fullStatus();
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
      await sleep(options.pollIntervalMs, options.signal);
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
