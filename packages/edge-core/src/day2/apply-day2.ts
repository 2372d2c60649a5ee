import type { ApplyEventListener } from '../apply/events.js';
import { Journal } from '../apply/journal.js';
import { maasCall, runJournalled, StepRunner } from '../apply/runner.js';
import { JournalError, PlanInputError } from '../plan/errors.js';
import { type Day2Juju, type Day2Maas, day2WithSignal } from './clients.js';
import type { Day2Context } from './day2-context.js';
import type { Day2Plan, LeftVm } from './day2-plan.js';
import { DRAINED_TAG } from './drained-tag.js';
import { replaceVm } from './replace-vm.js';

export interface ApplyDay2Options {
  plan: Day2Plan;
  maas: Day2Maas;
  juju: Day2Juju;
  /** Required unless dryRun: the journal a re-run resumes from. */
  journalPath?: string;
  dryRun?: boolean;
  onEvent?: ApplyEventListener;
  signal?: AbortSignal;
  /** Poll interval of MAAS and Juju waits (default 2 s; tests against fast simulators use less). */
  pollIntervalMs?: number;
  /** Longest wait for one condition (default 30 min). */
  timeoutMs?: number;
}

export interface ApplyDay2Result {
  dryRun: boolean;
  /** Old VM hostname → its replacement's hostname. */
  replaced: Record<string, string>;
  /** Replacements finished before a restart (journal), not run again. */
  skipped: string[];
  untouched: LeftVm[];
  unplaced: LeftVm[];
}

/** The status a finished run writes as its journal's end: what a re-run checks before starting over. */
export const DAY2_DONE = 'done';

async function markDrained(ctx: Day2Context, host: { id: number; name: string }): Promise<void> {
  const step = `host-tag:${host.name}`;
  const live = await ctx.maas.vmHosts.read(host.id);
  if (live.tags.includes(DRAINED_TAG)) {
    ctx.runner.emit({ type: 'step-skip', step, reason: `${host.name} is marked ${DRAINED_TAG}` });
    return;
  }
  await ctx.runner.mutate(
    step,
    {
      service: 'maas',
      call: maasCall('POST', `vm-hosts/${host.id}/`, 'add_tag'),
      params: { tag: DRAINED_TAG },
    },
    () => ctx.maas.vmHosts.addTag(host.id, DRAINED_TAG),
  );
}

async function run(options: ApplyDay2Options, mode: 'drain' | 'heal'): Promise<ApplyDay2Result> {
  const { plan } = options;
  const dryRun = options.dryRun === true;
  if (!dryRun && options.journalPath === undefined)
    throw new JournalError(`${mode} needs a journal file`, { hint: 'pass journalPath' });
  const journal = dryRun ? undefined : Journal.open(options.journalPath as string, plan.id);
  const runner = new StepRunner(journal, options.onEvent ?? (() => {}), dryRun);
  const ctx: Day2Context = {
    maas: day2WithSignal(options.maas, options.signal),
    juju: options.juju,
    runner,
    journal,
    dryRun,
    pollMs: options.pollIntervalMs ?? 2000,
    timeoutMs: options.timeoutMs ?? 30 * 60_000,
    signal: options.signal,
    force: mode === 'heal',
    decompose: mode === 'drain',
    countDown: mode === 'drain',
  };
  const result: ApplyDay2Result = {
    dryRun,
    replaced: {},
    skipped: [],
    untouched: plan.untouched,
    unplaced: plan.unplaced,
  };
  journal?.append({ kind: 'begin', planId: plan.id, pid: process.pid, mode });
  return runJournalled(journal, async () => {
    // Cordon first: from here on no plan, drain or heal places anything on the host.
    if (mode === 'drain' && plan.host !== undefined) {
      runner.emit({ type: 'phase', phase: 'mark-drained' });
      await markDrained(ctx, plan.host);
    }
    for (const r of plan.replacements) {
      const step = `replace:${r.old.hostname}`;
      const hostname = r.compose.params.hostname;
      if (journal?.lastOutcome(step)?.ok) {
        result.skipped.push(r.old.hostname);
        result.replaced[r.old.hostname] = hostname;
        runner.emit({ type: 'step-skip', step, reason: 'done before the restart' });
        continue;
      }
      runner.emit({ type: 'phase', phase: `replace ${r.old.hostname}` });
      runner.emit({ type: 'step-start', step, detail: r.why });
      await replaceVm(ctx, r);
      journal?.outcome(step, true, { result: hostname });
      result.replaced[r.old.hostname] = hostname;
      runner.emit({ type: 'step-done', step, detail: `replaced by ${hostname}` });
    }
    // What did not fit is said in the journal too, so nothing is left half-done and unexplained there.
    for (const left of plan.unplaced) {
      runner.emit({ type: 'step-skip', step: `replace:${left.hostname}`, reason: left.why });
      journal?.outcome(`replace:${left.hostname}`, false, { error: `not restored: ${left.why}` });
    }
    return { value: result, status: dryRun ? 'dry-run' : DAY2_DONE };
  });
}

/**
 * Runs a DrainPlan: marks the host drained, then replaces its VMs one at a time (add before remove, so
 * no application ever has more than one unit out and etcd keeps quorum), each old VM decomposed once
 * Juju released it. Journalled like applyPlan; a re-run with the same plan and journal resumes.
 */
export function applyDrain(options: ApplyDay2Options): Promise<ApplyDay2Result> {
  if (options.plan.kind !== 'DrainPlan') throw new TypeError('applyDrain needs a DrainPlan');
  return run(options, 'drain');
}

/**
 * Runs a HealPlan: each lost VM's units come back on a new VM (most critical first), then the lost
 * units and machines are removed with force; the lost VMs stay in MAAS until their host returns.
 */
export function applyHeal(options: ApplyDay2Options): Promise<ApplyDay2Result> {
  if (options.plan.kind !== 'HealPlan') throw new TypeError('applyHeal needs a HealPlan');
  return run(options, 'heal');
}

/** Runs a drain or heal plan, whichever it is (a saved plan, or one just planned). */
export function applyDay2Plan(options: ApplyDay2Options): Promise<ApplyDay2Result> {
  return run(options, options.plan.kind === 'DrainPlan' ? 'drain' : 'heal');
}

/** Unmarks a drained host: placement may use it again. Returns false if it was not marked. */
export async function undrainHost(maas: Day2Maas, host: string): Promise<{ host: string; changed: boolean }> {
  const live = (await maas.vmHosts.list()).find((h) => h.name === host);
  if (live === undefined) throw new PlanInputError(`no VM host is named "${host}"`);
  if (!live.tags.includes(DRAINED_TAG)) return { host, changed: false };
  await maas.vmHosts.removeTag(live.id, DRAINED_TAG);
  return { host, changed: true };
}
