import { ApplyStepError } from '../plan/errors.js';
import type { Plan } from '../plan/schema.js';
import type { MaasApi } from './clients.js';
import type { ApplyEventListener } from './events.js';
import { Journal } from './journal.js';
import type { JujuApi, StatusView } from './juju-api.js';
import { recordedJujuMachines, unprovisioned } from './juju-machines.js';
import { findByHostname } from './maas-steps.js';
import { sleep } from './parallel.js';
import { maasCall, StepRunner } from './runner.js';

export interface RollbackOptions {
  plan: Plan;
  maas: MaasApi;
  juju: JujuApi;
  journalPath: string;
  onEvent?: ApplyEventListener;
  pollIntervalMs?: number;
  timeoutMs?: number;
}

export interface RollbackResult {
  applications: string[];
  jujuMachines: string[];
  decomposed: string[];
  untagged: string[];
  tagsDeleted: string[];
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  poll: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new ApplyStepError(`rollback timed out waiting for ${what}`);
    await sleep(poll);
  }
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

/**
 * Removes exactly what this plan created, as its journal records it: the applications it deployed
 * (their units go with them), the Juju machines it added for its planned nodes, the VMs it composed
 * (decomposed once Juju has released them), its tags on bare-metal machines, and the tags it created
 * that nothing carries any more. Anything the plan found already there is left alone.
 */
export async function rollbackPlan(options: RollbackOptions): Promise<RollbackResult> {
  const { plan, maas, juju } = options;
  const poll = options.pollIntervalMs ?? 2000;
  const timeout = options.timeoutMs ?? 30 * 60_000;
  const journal = Journal.open(options.journalPath, plan.id);
  const runner = new StepRunner(journal, options.onEvent ?? (() => {}), false);
  const created = createdByPlan(journal);
  const result: RollbackResult = {
    applications: [],
    jujuMachines: [],
    decomposed: [],
    untagged: [],
    tagsDeleted: [],
  };
  journal.append({ kind: 'begin', planId: plan.id, pid: process.pid, mode: 'rollback' });
  try {
    let status: StatusView = await juju.fullStatus();
    const apps = [...created.apps].filter((app) => status.applications[app] !== undefined);
    if (apps.length > 0) {
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
      await waitFor(
        'applications to go',
        async () => {
          const now = await juju.fullStatus();
          return apps.every((app) => now.applications[app] === undefined);
        },
        poll,
        timeout,
      );
      result.applications = apps;
    }

    // Juju machines standing on this plan's nodes (composed VMs and its bare-metal machines).
    const planned = new Map(plan.placement.machines.map((m) => [m.hostname, m]));
    const systemIds = new Map<string, string>();
    for (const machine of plan.placement.machines) {
      if (machine.target.kind === 'bare-metal') systemIds.set(machine.target.systemId, machine.hostname);
      else if (created.hostnames.has(machine.hostname)) {
        const live = await findByHostname(maas, machine.hostname);
        if (live !== undefined) systemIds.set(live.system_id, machine.hostname);
      }
    }
    status = await juju.fullStatus();
    const recorded = new Set(recordedJujuMachines(journal).values());
    const machineIds = created.addedMachines
      ? Object.values(status.machines)
          .filter(
            (m) =>
              systemIds.has(m['instance-id']) ||
              (m.hostname != null && planned.has(m.hostname)) ||
              (recorded.has(m.id) && unprovisioned(m)),
          )
          .map((m) => m.id)
      : [];
    if (machineIds.length > 0) {
      runner.emit({ type: 'phase', phase: 'remove-machines' });
      await runner.mutate(
        'rollback:juju-machines',
        {
          service: 'juju',
          call: 'MachineManager.DestroyMachineWithParams',
          params: { 'machine-tags': machineIds.map((id) => `machine-${id}`) },
        },
        () =>
          juju.destroyMachines(
            machineIds.map((id) => `machine-${id}`),
            false,
          ),
      );
      await waitFor(
        'Juju machines to go',
        async () => {
          const now = await juju.fullStatus();
          return machineIds.every((id) => now.machines[id] === undefined);
        },
        poll,
        timeout,
      );
      result.jujuMachines = machineIds;
    }

    runner.emit({ type: 'phase', phase: 'decompose' });
    for (const hostname of created.hostnames) {
      const machine = planned.get(hostname);
      const live = await findByHostname(maas, hostname);
      if (live === undefined || machine?.target.kind !== 'vm' || live.pod?.id !== machine.target.vmHostId)
        continue;
      // Juju releases its nodes asynchronously; a VM is decomposed once nothing owns it.
      await waitFor(
        `${hostname} to be released`,
        async () => {
          const now = await maas.machines.read(live.system_id);
          return now.owner == null && !['Releasing', 'Disk erasing'].includes(now.status_name);
        },
        poll,
        timeout,
      );
      await runner.mutate(
        `rollback:decompose:${hostname}`,
        { service: 'maas', call: maasCall('DELETE', `machines/${live.system_id}/`), params: {} },
        () => maas.machines.delete(live.system_id),
      );
      result.decomposed.push(hostname);
    }

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
    journal.append({ kind: 'end', status: 'rolled back' });
    return result;
  } catch (error) {
    journal.append({ kind: 'end', status: `rollback failed: ${(error as Error).message}` });
    throw error;
  } finally {
    journal.close();
  }
}
