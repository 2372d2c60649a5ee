import { pollDelay, sleep } from '@edgekit/common';
import { JujuActionFailedError } from '@edgekit/juju-client';
import { DEFAULT_PHASE_ATTEMPTS } from '../apply/engine.js';
import type { ApplyEventListener } from '../apply/events.js';
import { Journal } from '../apply/journal.js';
import { runJournalled, StepRunner } from '../apply/runner.js';
import { type RetryOptions, resilient } from '../apply/transient.js';
import { day2WithSignal } from '../day2/clients.js';
import type { Day2Context } from '../day2/day2-context.js';
import type { BlueGreenSite } from './blue-green-plan.js';
import { deployGreen, newWorker, removeApplication, retireWorker } from './blue-green-steps.js';
import {
  applicationOfCharm,
  etcdQuorum,
  outOfService,
  serving,
  type UpgradeStatusView,
} from './live-status.js';
import { originFor, type UpgradeJuju } from './upgrade-juju.js';
import type { UpgradePlan, UpgradeStep } from './upgrade-plan.js';

export interface ApplyUpgradeOptions {
  plan: UpgradePlan;
  juju: UpgradeJuju;
  /** Required unless dryRun: the journal a re-run resumes from. */
  journalPath?: string;
  dryRun?: boolean;
  onEvent?: ApplyEventListener;
  signal?: AbortSignal;
  /** MAAS and Juju as drain and heal take them: a blue-green plan composes and retires worker VMs. */
  site?: BlueGreenSite;
  /** Interval of the live-status polls between steps (default 1 s). */
  pollMs?: number;
  /**
   * Asked between steps: true stops the run after the step that just finished (the TUI's "pause after
   * this step"); running again with the same journal resumes at the next step.
   */
  pauseRequested?: () => boolean;
  /** Runs of a step in all after transient failures (default DEFAULT_PHASE_ATTEMPTS, docs/retry-budget.md). */
  stepAttempts?: number;
}

export interface ApplyUpgradeResult {
  executed: string[];
  skipped: string[];
  /** Stopped between steps because pauseRequested said so; steps after the last executed remain. */
  paused: boolean;
}

type ActionStep = Extract<UpgradeStep, { kind: 'action' }>;
type RefreshStep = Extract<UpgradeStep, { kind: 'refresh' }>;
type Unit = NonNullable<UpgradeStatusView['applications'][string]['units']>[string];

const PAUSED = 'Kubernetes unit paused';
/**
 * How far the controller's clock may lag ours when matching a queued action to the journalled intent:
 * an action of the same name on the same unit queued this long before the intent counts as ours.
 */
const CLOCK_SKEW_MS = 30_000;
const unitOf = (status: UpgradeStatusView, step: ActionStep): Unit | undefined =>
  status.applications[step.application]?.units?.[step.unit];
const onTarget = (unit: Unit | undefined, to: string) =>
  (unit?.['workload-version'] ?? '').startsWith(`${to}.`);

/**
 * Runs an UpgradePlan on the StepRunner and journal of applyPlan: intent fsynced before every call
 * that changes state, outcome after it. A step with an ok outcome is never run again; a step in doubt
 * (intent without outcome: a crash mid-call) is checked against live status, and an action whose
 * enqueue was journalled is waited for, not enqueued again. Before each step the executor reads live
 * status and waits until etcd has quorum and the step's application has fewer than maxUnavailable
 * units out of service besides the step's own unit.
 */
export async function applyUpgrade(options: ApplyUpgradeOptions): Promise<ApplyUpgradeResult> {
  const { plan, juju, signal } = options;
  const dryRun = options.dryRun === true;
  const pollMs = options.pollMs ?? 1_000;
  const call = signal ? { signal } : {};
  const listener = options.onEvent ?? (() => {});
  if (!dryRun && options.journalPath === undefined)
    throw new TypeError('applyUpgrade needs journalPath unless dryRun');
  const journal = dryRun ? undefined : Journal.open(options.journalPath as string, plan.id);
  const runner = new StepRunner(journal, listener, dryRun);
  const result: ApplyUpgradeResult = { executed: [], skipped: [], paused: false };
  const retry: RetryOptions = {
    attempts: options.stepAttempts ?? DEFAULT_PHASE_ATTEMPTS,
    backoffMs: pollMs,
    maxRetryAfterMs: 60_000,
    ...(signal ? { signal } : {}),
  };
  const status = () => juju.client.fullStatus({}, call);
  const etcd = async () => applicationOfCharm(await status(), 'etcd')[0];
  const etcdApp = dryRun ? undefined : await resilient('preflight', runner, etcd, retry);

  const waitUntil = async (step: string, what: string, check: (s: UpgradeStatusView) => boolean) => {
    for (let attempt = 0; ; attempt += 1) {
      const live = await status();
      if (check(live)) return live;
      if (attempt === 0) runner.emit({ type: 'wait', step, status: what });
      await sleep(pollDelay(attempt, pollMs), signal);
    }
  };

  /** The safety rule, from live status before every step. */
  const guard = (step: UpgradeStep) =>
    waitUntil(step.id, 'waiting for room: etcd quorum and at most maxUnavailable units out', (live) => {
      if (!etcdQuorum(live, etcdApp)) return false;
      // Blue-green steps check their own applications (day2's guard) where a unit goes out.
      if (step.kind !== 'action' || step.action === 'snapshot') return true;
      const others = outOfService(live, step.application).filter((name) => name !== step.unit);
      return others.length < plan.maxUnavailable;
    });

  const refresh = async (step: RefreshStep) => {
    const origin = originFor(step.channel);
    const live = dryRun ? undefined : await status();
    if (live?.applications[step.application]?.['charm-channel'] === step.channel) {
      runner.emit({
        type: 'reconcile',
        step: step.id,
        detail: `${step.application} already on ${step.channel}`,
      });
    } else {
      const resolved = dryRun
        ? undefined
        : await juju.charms.resolveCharms([{ reference: `ch:${step.charm}`, 'charm-origin': origin }], call);
      const item = resolved?.[0];
      if (item && !item.ok) throw item.error;
      const url = item?.value.url ?? `ch:${step.charm}`;
      const added = await runner.mutate(
        `${step.id}:add-charm`,
        { service: 'juju', call: 'Charms.AddCharm', params: { url, channel: step.channel } },
        () => juju.charms.addCharm({ url, 'charm-origin': item?.value['charm-origin'] ?? origin }, call),
      );
      // Its own step name: the refresh step is done only once every unit's upgrade-charm hook ran.
      await runner.mutate(
        `${step.id}:set-charm`,
        {
          service: 'juju',
          call: 'Application.SetCharm',
          params: {
            application: step.application,
            'charm-url': url,
            channel: step.channel,
            'config-settings': step.config,
          },
        },
        () =>
          juju.applications.setCharm(
            {
              application: step.application,
              'charm-url': url,
              'charm-origin': added ?? origin,
              'config-settings': step.config,
            },
            call,
          ),
      );
    }
    if (dryRun) return;
    // Every unit has run its upgrade-charm hook (no unit charm differs) and serves.
    await waitUntil(step.id, `upgrade-charm hooks of ${step.application}`, (s) =>
      Object.values(s.applications[step.application]?.units ?? {}).every(
        (u) => !u.charm && serving(u) && u['workload-status'].status !== 'maintenance',
      ),
    );
  };

  const settled = (step: ActionStep, live: UpgradeStatusView): boolean => {
    const unit = unitOf(live, step);
    const paused = unit?.['workload-status'].status === 'waiting' && unit['workload-status'].info === PAUSED;
    const active = unit?.['workload-status'].status === 'active';
    switch (step.action) {
      case 'pause':
        return paused;
      case 'upgrade':
        return onTarget(unit, plan.to) && (active || paused);
      case 'resume':
        return active;
      default:
        return true;
    }
  };

  /**
   * The action an interrupted run queued for this step: the id journalled after the enqueue or, when
   * the run died between the call and that record, the unit's action of that name that Juju queued
   * since the intent (Action.ListOperations), so a resumed run never queues a step's action twice.
   */
  const queuedBefore = async (step: ActionStep): Promise<string | undefined> => {
    const enqueued = journal?.lastOutcome(`${step.id}:enqueued`);
    if (journal?.lastOutcome(step.id)?.ok) return undefined;
    if (enqueued?.ok && typeof enqueued.result === 'string') return enqueued.result;
    const intent = journal?.records.findLast((r) => r.kind === 'intent' && r.step === step.id);
    if (intent === undefined) return undefined;
    const since = Date.parse(intent.at) - CLOCK_SKEW_MS;
    const { operations } = await juju.actions.listOperations(
      { units: [step.unit], actions: [step.action] },
      call,
    );
    const queued = operations
      .flatMap((op) => (op.ok ? (op.value.actions ?? []) : []))
      .filter((a) => Date.parse(a.enqueued ?? '') >= since)
      .map((a) => (a.action?.tag ?? '').replace(/^action-/, ''));
    return queued.at(-1);
  };

  /** Waits for an action an earlier run queued: true when it completed, false when it failed (run it again). */
  const finishedEarlier = async (step: ActionStep, id: string): Promise<boolean> => {
    runner.emit({ type: 'reconcile', step: step.id, detail: `waiting for action ${id} queued earlier` });
    try {
      await juju.waitForAction(id, { ...call, pollMs });
      return true;
    } catch (error) {
      if (!(error instanceof JujuActionFailedError)) throw error;
      runner.emit({
        type: 'reconcile',
        step: step.id,
        detail: `action ${id} ${error.message}; queuing it again`,
      });
      return false;
    }
  };

  const action = async (step: ActionStep) => {
    const queued = dryRun ? undefined : await queuedBefore(step);
    if (queued !== undefined && (await finishedEarlier(step, queued))) {
      journal?.outcome(step.id, true, { result: queued });
    } else if (!dryRun && step.action !== 'snapshot' && settled(step, await status())) {
      runner.emit({ type: 'reconcile', step: step.id, detail: `${step.unit} already ${step.action}d` });
      journal?.outcome(step.id, true, { result: 'already done' });
    } else {
      await runner.mutate(
        step.id,
        {
          service: 'juju',
          call: 'Action.EnqueueOperation',
          params: { receiver: step.unit, name: step.action },
        },
        () =>
          juju.runAction(
            { receiver: step.unit, name: step.action },
            {
              ...call,
              pollMs,
              onEnqueued: (id) => journal?.outcome(`${step.id}:enqueued`, true, { result: id }),
            },
          ),
        (finished) => finished.id,
      );
    }
    if (!dryRun) await waitUntil(step.id, `${step.unit} after ${step.action}`, (live) => settled(step, live));
  };

  const blueGreen = (): Day2Context => {
    if (options.site === undefined)
      throw new TypeError('a blue-green upgrade needs site (MAAS and Juju, as drain and heal take them)');
    return {
      maas: day2WithSignal(options.site.maas, signal),
      juju: options.site.juju,
      runner,
      journal,
      dryRun,
      pollMs,
      timeoutMs: 30 * 60_000,
      signal,
      force: false,
      decompose: true,
      countDown: true,
    };
  };
  const green = plan.steps.find((s) => s.kind === 'deploy-green')?.application;

  const runStep = async (step: UpgradeStep): Promise<void> => {
    switch (step.kind) {
      case 'refresh':
        return refresh(step);
      case 'action':
        return action(step);
      case 'new-worker':
        await newWorker(blueGreen(), step);
        return;
      case 'deploy-green':
        return deployGreen(blueGreen(), juju, step);
      case 'retire':
        return retireWorker(blueGreen(), step, green, () =>
          action({
            id: `${step.id}:pause`,
            kind: 'action',
            application: step.application,
            unit: step.unit,
            action: 'pause',
            why: 'cordon and drain before the worker goes',
          }),
        );
      case 'remove-application':
        return removeApplication(blueGreen(), step);
    }
  };

  if (journal && !journal.records.some((r) => r.kind === 'begin')) {
    journal.append({ kind: 'begin', planId: plan.id, pid: process.pid, mode: 'upgrade' });
  }
  return runJournalled(journal, async () => {
    for (const step of plan.steps) {
      if (result.executed.length > 0 && options.pauseRequested?.() === true) {
        result.paused = true;
        break;
      }
      if (journal?.lastOutcome(step.id)?.ok) {
        result.skipped.push(step.id);
        runner.emit({ type: 'step-skip', step: step.id, reason: 'done before the restart' });
        continue;
      }
      runner.emit({ type: 'step-start', step: step.id, detail: step.why });
      // Every step looks at live status and the journal before acting, so after a transient failure
      // (a dropped connection, a busy controller) it is run again from the top: apply's phase budget.
      await resilient(
        step.id,
        runner,
        async () => {
          if (!dryRun) await guard(step);
          await runStep(step);
          // The step is done only now (its calls journal their own names): a re-run skips it.
          if (!dryRun && !journal?.lastOutcome(step.id)?.ok) journal?.outcome(step.id, true);
        },
        retry,
      );
      result.executed.push(step.id);
      runner.emit({ type: 'step-done', step: step.id });
    }
    return { value: result, status: dryRun ? 'dry-run' : result.paused ? 'paused' : 'upgraded' };
  });
}
