import { sleep } from '@edgekit/common';
import { MaasBadRequestError, MaasError, MaasHttpError, type Machine } from '@edgekit/maas-client';
import { ApplyStepError, DriftError } from '../plan/errors.js';
import type { ComposeRequest, Plan, PlannedMachine } from '../plan/schema.js';
import type { MaasApi } from './clients.js';
import { limiter } from './parallel.js';
import { maasCall, type StepRunner } from './runner.js';

export interface MaasStepOptions {
  /** Composes in flight at once (MAAS serialises per host anyway; a few in parallel is the sweet spot). */
  concurrency: number;
  readyTimeoutMs: number;
  pollIntervalMs: number;
  /** After an ambiguous compose failure, how long to keep looking for the hostname before deciding. */
  reconcileWindowMs: number;
  /** Longest Retry-After apply waits out itself (MAAS asks for 5-10 s; tests compress it). */
  maxRetryAfterMs: number;
  signal?: AbortSignal;
}

export async function findByHostname(maas: MaasApi, hostname: string): Promise<Machine | undefined> {
  const found = await maas.machines.list({ hostname });
  return found.find((machine) => machine.hostname === hostname);
}

/** Sets the over-commit ratios the plan needs; a host already at its target is left alone. */
export async function applyRatios(plan: Plan, maas: MaasApi, runner: StepRunner): Promise<void> {
  for (const update of plan.outputs.ratioUpdates) {
    const step = `ratios:${update.vmHostName}`;
    const host = await maas.vmHosts.read(update.vmHostId);
    const done =
      (update.params.cpu_over_commit_ratio === undefined ||
        host.cpu_over_commit_ratio === update.params.cpu_over_commit_ratio) &&
      (update.params.memory_over_commit_ratio === undefined ||
        host.memory_over_commit_ratio === update.params.memory_over_commit_ratio);
    if (done) {
      runner.emit({ type: 'step-skip', step, reason: 'ratios already set' });
      continue;
    }
    runner.emit({ type: 'step-start', step });
    const params: { cpu_over_commit_ratio?: number; memory_over_commit_ratio?: number } = {};
    if (update.params.cpu_over_commit_ratio !== undefined)
      params.cpu_over_commit_ratio = update.params.cpu_over_commit_ratio;
    if (update.params.memory_over_commit_ratio !== undefined)
      params.memory_over_commit_ratio = update.params.memory_over_commit_ratio;
    await runner.mutate(
      step,
      { service: 'maas', call: maasCall('PUT', `vm-hosts/${update.vmHostId}/`), params },
      () => maas.vmHosts.update(update.vmHostId, params),
    );
    runner.emit({ type: 'step-done', step });
  }
}

/** Creates the plan tag and the role tags that do not exist yet. */
export async function ensureTags(plan: Plan, maas: MaasApi, runner: StepRunner): Promise<void> {
  const wanted = [plan.outputs.tags.plan, ...Object.values(plan.outputs.tags.roles)];
  const existing = new Set((await maas.tags.list()).map((tag) => tag.name));
  await Promise.all(
    wanted.map(async (name) => {
      const step = `tag-create:${name}`;
      if (existing.has(name)) {
        runner.emit({ type: 'step-skip', step, reason: 'tag exists' });
        return;
      }
      const params = { name, comment: `edgekit plan ${plan.id}` };
      try {
        await runner.mutate(step, { service: 'maas', call: maasCall('POST', 'tags/'), params }, () =>
          maas.tags.create(params),
        );
      } catch (error) {
        // A lost answer to a create that happened: the name is now taken. Look before failing.
        const now = new Set((await maas.tags.list()).map((tag) => tag.name));
        if (!now.has(name)) throw error;
        runner.emit({ type: 'reconcile', step, detail: 'tag was created by the failed call' });
      }
    }),
  );
}

/** True for failures after which the request may have reached MAAS and done its work. */
function ambiguous(error: unknown): boolean {
  if (error instanceof MaasHttpError) return error.status >= 500 || error instanceof MaasBadRequestError;
  return error instanceof MaasError;
}

function checkHost(machine: Machine, request: ComposeRequest): void {
  if (machine.pod?.id !== request.vmHostId) {
    throw new DriftError(
      `machine ${machine.hostname} (${machine.system_id}) exists but is not a VM on ${request.vmHostName}`,
      { hint: 'rename or remove it, or re-plan from a fresh inventory' },
    );
  }
}

/**
 * Compose one VM, crash- and fault-safe. The VM is first looked up by hostname (a re-run after a crash
 * finds it there). A failed compose is never simply repeated: the hostname is looked up again, for a
 * while, and only a VM confirmed absent is composed again.
 */
async function ensureComposed(
  request: ComposeRequest,
  maas: MaasApi,
  runner: StepRunner,
  options: MaasStepOptions,
  bounded: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<Machine | undefined> {
  const step = `compose:${request.params.hostname}`;
  const existing = await findByHostname(maas, request.params.hostname);
  if (existing !== undefined) {
    checkHost(existing, request);
    runner.emit({ type: 'step-skip', step, reason: `exists as ${existing.system_id}` });
    return existing;
  }
  runner.emit({ type: 'step-start', step, detail: `on ${request.vmHostName}` });
  const description = {
    service: 'maas' as const,
    call: maasCall('POST', `vm-hosts/${request.vmHostId}/`, 'compose'),
    params: request.params,
  };
  try {
    const composed = await bounded(() =>
      runner.mutate(
        step,
        description,
        () => maas.vmHosts.compose(request.vmHostId, request.params),
        (r) => r,
      ),
    );
    if (composed === undefined) return undefined;
    return await maas.machines.read(composed.system_id);
  } catch (error) {
    // 409/503 with Retry-After: MAAS rolled the transaction back, so nothing was composed; the phase
    // waits as asked and runs again (apply's one retry loop, docs/retry-budget.md).
    if (error instanceof MaasHttpError && error.retryAfterSeconds !== undefined) {
      runner.emit({
        type: 'reconcile',
        step,
        detail: `MAAS asked to retry after ${error.retryAfterSeconds} s`,
      });
      throw error;
    }
    if (!ambiguous(error)) {
      throw new ApplyStepError(
        `could not compose ${request.params.hostname} on ${request.vmHostName}: ${(error as Error).message}`,
        { cause: error, hint: 'no VM was left behind; fix the cause and run apply again' },
      );
    }
    // The answer was lost: the VM may exist. Only a VM confirmed absent is composed again (by the
    // phase's next run, which looks for it first).
    const deadline = Date.now() + options.reconcileWindowMs;
    do {
      const found = await findByHostname(maas, request.params.hostname).catch(() => undefined);
      if (found !== undefined) {
        checkHost(found, request);
        runner.emit({
          type: 'reconcile',
          step,
          detail: `compose failed (${(error as Error).message}) but ${found.system_id} exists`,
        });
        return found;
      }
      await sleep(options.pollIntervalMs, options.signal);
    } while (Date.now() < deadline);
    runner.emit({
      type: 'reconcile',
      step,
      detail: `compose failed and no VM named ${request.params.hostname} exists`,
    });
    throw error;
  }
}

async function ensureTagged(
  machine: Machine,
  tags: readonly string[],
  maas: MaasApi,
  runner: StepRunner,
): Promise<void> {
  for (const tag of tags) {
    const step = `tag:${machine.hostname}:${tag}`;
    if (machine.tag_names.includes(tag)) continue;
    const params = { add: [machine.system_id] };
    await runner.mutate(
      step,
      { service: 'maas', call: maasCall('POST', `tags/${tag}/`, 'update_nodes'), params },
      () => maas.tags.updateNodes(tag, params),
    );
  }
}

async function waitReady(
  machine: Machine,
  maas: MaasApi,
  runner: StepRunner,
  options: MaasStepOptions,
): Promise<Machine> {
  if (machine.status_name === 'Ready' || runner.dryRun) return machine;
  runner.emit({ type: 'wait', step: `ready:${machine.hostname}`, status: machine.status_name });
  return maas.machines.waitForStatus(machine.system_id, 'ready', {
    timeout: options.readyTimeoutMs,
    intervalMs: options.pollIntervalMs,
    maxIntervalMs: options.pollIntervalMs,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

/**
 * Brings every planned machine to "exists in MAAS, Ready (or already in use by this plan), tagged":
 * every machine has its own lane (compose, wait for Ready, tag), so commissionings run side by side;
 * only the compose calls themselves are bounded, because they are what loads the region and the hosts. Returns hostname → system id (absent in a dry run for
 * VMs that would be composed).
 */
export async function ensureMachines(
  plan: Plan,
  maas: MaasApi,
  runner: StepRunner,
  options: MaasStepOptions,
): Promise<Map<string, string>> {
  const tagsOf = new Map(plan.outputs.machineTags.map((entry) => [entry.hostname, entry.tags]));
  const systemIds = new Map<string, string>();
  const bounded = limiter(options.concurrency);
  const lane = async (machine: PlannedMachine): Promise<void> => {
    let live: Machine | undefined;
    if (machine.target.kind === 'vm') {
      const request = plan.outputs.compose.find(
        (candidate) => candidate.params.hostname === machine.hostname,
      );
      if (request === undefined)
        throw new ApplyStepError(`plan has no compose request for ${machine.hostname}`);
      live = await ensureComposed(request, maas, runner, options, bounded);
      if (live === undefined) {
        for (const tag of tagsOf.get(machine.hostname) ?? []) {
          runner.emit({
            type: 'request',
            step: `tag:${machine.hostname}:${tag}`,
            request: {
              service: 'maas',
              call: maasCall('POST', `tags/${tag}/`, 'update_nodes'),
              params: { add: [`<system id of ${machine.hostname}>`] },
            },
            dryRun: true,
          });
        }
        return;
      }
      // Only a VM this plan owns may still be commissioning; one already deployed by Juju is done.
      if (!['Allocated', 'Deploying', 'Deployed'].includes(live.status_name))
        live = await waitReady(live, maas, runner, options);
    } else {
      live = await maas.machines.read(machine.target.systemId);
      if (live.hostname !== machine.hostname) {
        throw new DriftError(
          `machine ${machine.target.systemId} is now ${live.hostname}, the plan expected ${machine.hostname}`,
        );
      }
    }
    await ensureTagged(live, tagsOf.get(machine.hostname) ?? [], maas, runner);
    systemIds.set(machine.hostname, live.system_id);
    runner.emit({ type: 'step-done', step: `machine:${machine.hostname}`, detail: live.system_id });
  };
  // Every lane ends before the phase does, failed or not: a compose still in flight when the phase
  // runs again would not be seen by the next run's look for the hostname, and would be made twice.
  const outcomes = await Promise.allSettled(plan.placement.machines.map(lane));
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return systemIds;
}
