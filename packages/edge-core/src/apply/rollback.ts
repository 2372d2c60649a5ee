import { sleep } from '@edgekit/common';
import { ApplyStepError } from '../plan/errors.js';
import type { Plan } from '../plan/schema.js';
import { type MaasApi, withSignal } from './clients.js';
import type { ApplyEventListener } from './events.js';
import { Journal } from './journal.js';
import type { JujuApi, StatusView } from './juju-api.js';
import { recordedJujuMachines, unprovisioned } from './juju-machines.js';
import { findByHostname } from './maas-steps.js';
import { maasCall, StepRunner } from './runner.js';

export interface RollbackOptions {
  plan: Plan;
  maas: MaasApi;
  juju: JujuApi;
  journalPath: string;
  onEvent?: ApplyEventListener;
  pollIntervalMs?: number;
  timeoutMs?: number;
  /** Aborting ends any wait at once; the journal keeps what was done, and a re-run finishes the job. */
  signal?: AbortSignal;
}

export interface RollbackResult {
  applications: string[];
  jujuMachines: string[];
  decomposed: string[];
  untagged: string[];
  tagsDeleted: string[];
}

/** What the journal says this plan set out to create (intents count: a crash may have hidden the answer). */
function createdByPlan(journal: Journal): {
  apps: Set<string>;
  hostnames: Set<string>;
  tags: Set<string>;
  addedMachines: boolean;
} {
  const apps = new Set<string>();
  const hostnames = new Set<string>();
  const tags = new Set<string>();
  let addedMachines = false;
  for (const step of journal.intendedSteps()) {
    const colon = step.indexOf(':');
    const kind = colon < 0 ? step : step.slice(0, colon);
    const rest = colon < 0 ? '' : step.slice(colon + 1);
    if (kind === 'deploy') apps.add(rest);
    if (kind === 'compose') hostnames.add(rest);
    if (kind === 'tag-create') tags.add(rest);
    if (step === 'juju-machines') addedMachines = true;
  }
  return { apps, hostnames, tags, addedMachines };
}

interface Rollback {
  plan: Plan;
  maas: MaasApi;
  juju: JujuApi;
  journal: Journal;
  runner: StepRunner;
  created: ReturnType<typeof createdByPlan>;
  result: RollbackResult;
  /** Polls `check` until it holds; abortable, bounded by the rollback's timeout. */
  waitFor(what: string, check: () => Promise<boolean>): Promise<void>;
}

function waiter(poll: number, timeoutMs: number, signal: AbortSignal | undefined): Rollback['waitFor'] {
  return async (what, check) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      signal?.throwIfAborted();
      if (await check()) return;
      if (Date.now() > deadline) throw new ApplyStepError(`rollback timed out waiting for ${what}`);
      await sleep(poll, signal);
    }
  };
}

/**
 * Removes exactly what this plan created, as its journal records it: the applications it deployed
 * (their units go with them), the Juju machines it added for its planned nodes, the VMs it composed
 * (decomposed once Juju has released them), its tags on bare-metal machines, and the tags it created
 * that nothing carries any more. Anything the plan found already there is left alone.
 */
export async function rollbackPlan(options: RollbackOptions): Promise<RollbackResult> {
  const { plan, juju } = options;
  const maas = withSignal(options.maas, options.signal);
  const journal = Journal.open(options.journalPath, plan.id);
  const rollback: Rollback = {
    plan,
    maas,
    juju,
    journal,
    runner: new StepRunner(journal, options.onEvent ?? (() => {}), false),
    created: createdByPlan(journal),
    result: { applications: [], jujuMachines: [], decomposed: [], untagged: [], tagsDeleted: [] },
    waitFor: waiter(options.pollIntervalMs ?? 2000, options.timeoutMs ?? 30 * 60_000, options.signal),
  };
  journal.append({ kind: 'begin', planId: plan.id, pid: process.pid, mode: 'rollback' });
  try {
    // Reverse order of apply: what stands on a thing goes before the thing.
    await removeApplications(rollback);
    await removeJujuMachines(rollback);
    await decomposeVms(rollback);
    await untagBareMetal(rollback);
    await deleteCreatedTags(rollback);
    journal.append({ kind: 'end', status: 'rolled back' });
    return rollback.result;
  } catch (error) {
    journal.append({ kind: 'end', status: `rollback failed: ${(error as Error).message}` });
    throw error;
  } finally {
    journal.close();
  }
}

/** The applications the plan deployed; their units go with them. */
async function removeApplications({ created, juju, runner, waitFor, result }: Rollback): Promise<void> {
  const status: StatusView = await juju.fullStatus();
  const apps = [...created.apps].filter((app) => status.applications[app] !== undefined);
  if (apps.length === 0) return;
  runner.emit({ type: 'phase', phase: 'remove-applications' });
  await runner.mutate(
    'rollback:applications',
    {
      service: 'juju',
      call: 'Application.DestroyApplication',
      params: { applications: apps.map((app) => ({ 'application-tag': `application-${app}` })) },
    },
    () => juju.destroyApplications(apps),
  );
  await waitFor('applications to go', async () => {
    const now = await juju.fullStatus();
    return apps.every((app) => now.applications[app] === undefined);
  });
  result.applications = apps;
}

/** Juju machines standing on this plan's nodes (composed VMs and its bare-metal machines). */
async function removeJujuMachines(rollback: Rollback): Promise<void> {
  const { plan, maas, juju, journal, runner, created, waitFor, result } = rollback;
  if (!created.addedMachines) return;
  const planned = new Set(plan.placement.machines.map((m) => m.hostname));
  const systemIds = new Set<string>();
  for (const machine of plan.placement.machines) {
    if (machine.target.kind === 'bare-metal') systemIds.add(machine.target.systemId);
    else if (created.hostnames.has(machine.hostname)) {
      const live = await findByHostname(maas, machine.hostname);
      if (live !== undefined) systemIds.add(live.system_id);
    }
  }
  const status = await juju.fullStatus();
  const recorded = new Set(recordedJujuMachines(journal).values());
  const machineIds = Object.values(status.machines)
    .filter(
      (m) =>
        systemIds.has(m['instance-id']) ||
        (m.hostname != null && planned.has(m.hostname)) ||
        (recorded.has(m.id) && unprovisioned(m)),
    )
    .map((m) => m.id);
  if (machineIds.length === 0) return;
  runner.emit({ type: 'phase', phase: 'remove-machines' });
  const tags = machineIds.map((id) => `machine-${id}`);
  await runner.mutate(
    'rollback:juju-machines',
    { service: 'juju', call: 'MachineManager.DestroyMachineWithParams', params: { 'machine-tags': tags } },
    () => juju.destroyMachines(tags, false),
  );
  await waitFor('Juju machines to go', async () => {
    const now = await juju.fullStatus();
    return machineIds.every((id) => now.machines[id] === undefined);
  });
  result.jujuMachines = machineIds;
}

/** The VMs the plan composed, each once Juju has released it (Juju releases its nodes asynchronously). */
async function decomposeVms({ plan, maas, runner, created, waitFor, result }: Rollback): Promise<void> {
  runner.emit({ type: 'phase', phase: 'decompose' });
  const planned = new Map(plan.placement.machines.map((m) => [m.hostname, m]));
  for (const hostname of created.hostnames) {
    const machine = planned.get(hostname);
    const live = await findByHostname(maas, hostname);
    if (live === undefined || machine?.target.kind !== 'vm' || live.pod?.id !== machine.target.vmHostId)
      continue;
    await waitFor(`${hostname} to be released`, async () => {
      const now = await maas.machines.read(live.system_id);
      return now.owner == null && !['Releasing', 'Disk erasing'].includes(now.status_name);
    });
    await runner.mutate(
      `rollback:decompose:${hostname}`,
      { service: 'maas', call: maasCall('DELETE', `machines/${live.system_id}/`), params: {} },
      () => maas.machines.delete(live.system_id),
    );
    result.decomposed.push(hostname);
  }
}

/** The plan's tags on bare-metal machines (those machines stay; only the plan's mark goes). */
async function untagBareMetal({ plan, maas, runner, result }: Rollback): Promise<void> {
  runner.emit({ type: 'phase', phase: 'untag' });
  const tagsOf = new Map(plan.outputs.machineTags.map((entry) => [entry.hostname, entry.tags]));
  for (const machine of plan.placement.machines) {
    if (machine.target.kind !== 'bare-metal') continue;
    const live = await maas.machines.read(machine.target.systemId);
    for (const tag of tagsOf.get(machine.hostname) ?? []) {
      if (!live.tag_names.includes(tag)) continue;
      const params = { remove: [live.system_id] };
      await runner.mutate(
        `rollback:untag:${machine.hostname}:${tag}`,
        { service: 'maas', call: maasCall('POST', `tags/${tag}/`, 'update_nodes'), params },
        () => maas.tags.updateNodes(tag, params),
      );
    }
    result.untagged.push(machine.hostname);
  }
}

/** Tags the plan created that no machine carries any more. */
async function deleteCreatedTags({ maas, runner, created, result }: Rollback): Promise<void> {
  for (const tag of created.tags) {
    const still = await maas.machines.list({ tags: tag }).catch(() => []);
    const exists = (await maas.tags.list()).some((t) => t.name === tag);
    if (!exists || still.length > 0) continue;
    await runner.mutate(
      `rollback:tag-delete:${tag}`,
      { service: 'maas', call: maasCall('DELETE', `tags/${tag}/`), params: {} },
      () => maas.tags.delete(tag),
    );
    result.tagsDeleted.push(tag);
  }
}
