import { JournalError } from '../plan/errors.js';
import type { Plan } from '../plan/schema.js';
import { deployBundle } from './bundle-deploy.js';
import { type MaasApi, withSignal } from './clients.js';
import type { ApplyEventListener } from './events.js';
import { Journal } from './journal.js';
import type { JujuApi, StatusView } from './juju-api.js';
import { ensureJujuMachines } from './juju-machines.js';
import type { JujuStepOptions } from './juju-wire.js';
import { applyRatios, ensureMachines, ensureTags, type MaasStepOptions } from './maas-steps.js';
import { runJournalled, StepRunner } from './runner.js';
import { type RetryOptions, resilient } from './transient.js';
import { waitActive } from './wait-active.js';

/** Apply's retry budget (docs/retry-budget.md): runs of a phase in all, the first included. */
export const DEFAULT_PHASE_ATTEMPTS = 4;

export interface ApplyOptions {
  plan: Plan;
  maas: MaasApi;
  juju: JujuApi;
  /** The journal file; required unless dry-running (a dry run writes nothing). */
  journalPath?: string;
  dryRun?: boolean;
  onEvent?: ApplyEventListener;
  signal?: AbortSignal;
  concurrency?: number;
  /** Poll interval for MAAS and Juju waits (default 2 s; tests against fast simulators use less). */
  pollIntervalMs?: number;
  readyTimeoutMs?: number;
  activeTimeoutMs?: number;
  /**
   * Runs of a phase in all when transient failures (dropped sockets, timeouts, 5xx, Retry-After) get
   * through the SDKs' own retries; default 4 (docs/retry-budget.md).
   */
  phaseAttempts?: number;
  /** Longest Retry-After (from MAAS 409/503) apply waits out itself; default 60 s. */
  maxRetryAfterMs?: number;
}

export interface ApplyResult {
  dryRun: boolean;
  /** hostname → MAAS system id. */
  machines: Record<string, string>;
  /** hostname → Juju machine id. */
  jujuMachines: Record<string, string>;
  status?: StatusView;
}

/**
 * Applies a plan: ratios → tags → compose VMs in parallel (bounded), each waited Ready and tagged →
 * Juju machines pinned to their nodes → bundle + overlay → every unit active. Every step first looks
 * at the live state, so running apply again after a crash (or a failure) finishes the job without
 * doing anything twice; the journal records each mutating call's intent before it is made.
 */
export async function applyPlan(options: ApplyOptions): Promise<ApplyResult> {
  const dryRun = options.dryRun === true;
  if (!dryRun && options.journalPath === undefined) {
    throw new JournalError('apply needs a journal file', {
      hint: 'pass journalPath (e.g. <plan>.journal.jsonl)',
    });
  }
  const journal = dryRun ? undefined : Journal.open(options.journalPath as string, options.plan.id);
  const runner = new StepRunner(journal, options.onEvent ?? (() => {}), dryRun);
  const poll = options.pollIntervalMs ?? 2000;
  const maasOptions: MaasStepOptions = {
    concurrency: options.concurrency ?? 4,
    readyTimeoutMs: options.readyTimeoutMs ?? 30 * 60_000,
    pollIntervalMs: poll,
    reconcileWindowMs: poll * 5,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const retry: RetryOptions = {
    attempts: options.phaseAttempts ?? DEFAULT_PHASE_ATTEMPTS,
    backoffMs: poll,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const jujuOptions: JujuStepOptions = {
    pollIntervalMs: poll,
    provisionTimeoutMs: options.readyTimeoutMs ?? 30 * 60_000,
    activeTimeoutMs: options.activeTimeoutMs ?? 60 * 60_000,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const { plan, juju } = options;
  const maas = withSignal(options.maas, options.signal);
  journal?.append({ kind: 'begin', planId: plan.id, pid: process.pid, mode: 'apply' });
  const phase = <T>(name: string, work: () => Promise<T>): Promise<T> => {
    runner.emit({ type: 'phase', phase: name });
    return resilient(name, runner, work, retry);
  };
  return runJournalled(journal, async () => {
    await phase('ratios', () => applyRatios(plan, maas, runner));
    await phase('tags', () => ensureTags(plan, maas, runner));
    const systemIds = await phase('machines', () => ensureMachines(plan, maas, runner, maasOptions));
    const jujuMachines = await phase('juju-machines', () =>
      ensureJujuMachines(plan, systemIds, juju, runner, journal, jujuOptions),
    );
    await phase('deploy', () => deployBundle(plan, jujuMachines, juju, runner, options.signal));
    const status = dryRun
      ? undefined
      : await phase('wait-active', () => waitActive(plan, juju, runner, jujuOptions));
    const value: ApplyResult = {
      dryRun,
      machines: Object.fromEntries(systemIds),
      jujuMachines: Object.fromEntries(jujuMachines),
      ...(status === undefined ? {} : { status }),
    };
    return { value, status: 'applied' };
  });
}
