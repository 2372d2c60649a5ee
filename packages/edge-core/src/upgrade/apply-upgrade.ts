import { pollDelay, sleep } from '@edgekit/common';
import type { ApplyEventListener } from '../apply/events.js';
import { Journal } from '../apply/journal.js';
import { errorText, StepRunner } from '../apply/runner.js';
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
  /** Interval of the live-status polls between steps (default 1 s). */
  pollMs?: number;
}

export interface ApplyUpgradeResult {
  executed: string[];
  skipped: string[];
}

type ActionStep = Extract<UpgradeStep, { kind: 'action' }>;
type RefreshStep = Extract<UpgradeStep, { kind: 'refresh' }>;
type Unit = NonNullable<UpgradeStatusView['applications'][string]['units']>[string];

const PAUSED = 'Kubernetes unit paused';
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
  const result: ApplyUpgradeResult = { executed: [], skipped: [] };
  const status = () => juju.client.fullStatus({}, call);
  const etcd = async () => applicationOfCharm(await status(), 'etcd')[0];
  const etcdApp = dryRun ? undefined : await etcd();

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
      if (step.kind === 'refresh' || step.action === 'snapshot') return true;
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
      journal?.outcome(step.id, true, { result: 'already refreshed' });
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
      await runner.mutate(
        step.id,
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

  const action = async (step: ActionStep) => {
    const enqueued = journal?.lastOutcome(`${step.id}:enqueued`);
    const done = journal?.lastOutcome(step.id);
    if (enqueued?.ok && typeof enqueued.result === 'string' && done === undefined) {
      runner.emit({
        type: 'reconcile',
        step: step.id,
        detail: `waiting for action ${enqueued.result} queued before the restart`,
      });
      await juju.waitForAction(enqueued.result, { ...call, pollMs });
      journal?.outcome(step.id, true, { result: enqueued.result });
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

  if (journal && !journal.records.some((r) => r.kind === 'begin')) {
    journal.append({ kind: 'begin', planId: plan.id, pid: process.pid, mode: 'upgrade' });
  }
  try {
    for (const step of plan.steps) {
      if (journal?.lastOutcome(step.id)?.ok) {
        result.skipped.push(step.id);
        runner.emit({ type: 'step-skip', step: step.id, reason: 'done before the restart' });
        continue;
      }
      runner.emit({ type: 'step-start', step: step.id, detail: step.why });
      if (!dryRun) await guard(step);
      if (step.kind === 'refresh') await refresh(step);
      else await action(step);
      result.executed.push(step.id);
      runner.emit({ type: 'step-done', step: step.id });
    }
    journal?.append({ kind: 'end', status: dryRun ? 'dry-run' : 'upgraded' });
    return result;
  } catch (error) {
    journal?.append({ kind: 'end', status: `failed: ${errorText(error)}` });
    throw error;
  } finally {
    journal?.close();
  }
}
