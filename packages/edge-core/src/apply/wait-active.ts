import { sleep } from '@edgekit/common';
import { ApplyStepError } from '../plan/errors.js';
import type { Plan } from '../plan/schema.js';
import type { JujuApi, StatusView } from './juju-api.js';
import type { JujuStepOptions } from './juju-wire.js';
import type { StepRunner } from './runner.js';

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
    const status = await juju.fullStatus();
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
    await sleep(options.pollIntervalMs, options.signal);
  }
}
