import type { JujuClient } from '../client.js';
import {
  JujuAbortError,
  JujuAlreadyExistsError,
  JujuBundleError,
  JujuTransportError,
  JujuTryAgainError,
} from '../core/errors.js';
import type { BundleChangesMapArgs } from '../schemas/generated.js';
import { type BundleRun, type PreparedChange, prepareChange, subjectOf } from './bundle-changes.js';
import type { BundleHooks, BundleOutcome, BundleStep } from './bundle-hooks.js';
import { alreadyDone, orderChanges } from './bundle-plan.js';
import { runInDependencyOrder } from './bundle-schedule.js';

export { parseBase } from './bundle-changes.js';

export interface BundleProgress {
  /** 1-based position in the ordered change list. */
  index: number;
  total: number;
  change: BundleChangesMapArgs;
  /** `done`: executed now; `skipped`: FullStatus shows a previous run already did it; `planned`: dry run. */
  status: 'done' | 'skipped' | 'planned';
  /** What the change produced: charm URL, application, machine id, unit name, … */
  result: string;
}

export interface DeployBundleOptions {
  /** Overlay YAML documents, appended as extra `---` documents (as python-libjuju and the CLI merge them). */
  overlays?: string[];
  /** Called once per change, in execution order. */
  onProgress?: (event: BundleProgress) => void;
  /** Skip what FullStatus shows is done (default true): a re-run after a failure resumes. */
  resume?: boolean;
  /** Architecture for charm resolution (default amd64). */
  architecture?: string;
  /** How long to wait for a unit's machine when another unit is placed next to it (default 120 s). */
  unitMachineTimeoutMs?: number;
  /**
   * Changes in flight at once (default 1: one after another, in order). Above 1, every change whose
   * prerequisites are done may start, which keeps a bundle of dozens of units and relations from
   * costing dozens of round trips in a row.
   */
  concurrency?: number;
  /** Describe every change to the hooks and `onProgress` and make no mutating call (nor resolve charms). */
  dryRun?: boolean;
  /** Per-change hooks for callers that journal or reconcile (see README, "Bundle hooks"). */
  hooks?: BundleHooks;
  signal?: AbortSignal;
}

export interface DeployBundleResult {
  /** Change id -> produced value, for every change (executed, skipped or, in a dry run, planned). */
  results: Record<string, string>;
  executed: number;
  skipped: number;
}

/**
 * Deploys a bundle the way the Juju CLI does: Bundle.GetChangesMapArgs on the controller, then each
 * change in dependency order with `$id` references substituted by earlier results. What FullStatus
 * shows done is skipped, so running it again after a failure resumes. This is the one bundle executor
 * of the workspace: edge-core's apply runs it through `hooks`.
 */
export async function deployBundle(
  client: JujuClient,
  yaml: string,
  options: DeployBundleOptions = {},
): Promise<DeployBundleResult> {
  const text = [yaml, ...(options.overlays ?? [])].map((doc) => doc.replace(/^---\s*\n/, '')).join('\n---\n');
  const changes = orderChanges(await client.bundle.getChangesMapArgs(text));
  const hooks = options.hooks ?? {};
  const known = new Map<string, { result: string; reason: string }>();
  for (const change of changes) {
    const answer = hooks.known?.(change, changes);
    if (answer !== undefined) known.set(change.id, answer);
  }
  const knownResults = new Map([...known].map(([id, answer]) => [id, answer.result]));
  const status = options.resume === false ? undefined : await client.client.fullStatus();
  const done = status ? alreadyDone(changes, status, knownResults) : knownResults;
  const run: BundleRun = {
    client,
    results: new Map(),
    origins: new Map(),
    dryRun: options.dryRun === true,
    architecture: options.architecture ?? 'amd64',
    unitMachineTimeoutMs: options.unitMachineTimeoutMs ?? 120_000,
    signal: options.signal,
  };
  let executed = 0;
  const report = (step: BundleStep, index: number, outcome: Exclude<BundleOutcome, { status: 'failed' }>) => {
    run.results.set(step.change.id, outcome.result);
    hooks.after?.(step, outcome);
    const { change } = step;
    options.onProgress?.({
      index,
      total: changes.length,
      change,
      status: outcome.status,
      result: outcome.result,
    });
  };
  await runInDependencyOrder(changes, options.concurrency ?? 1, async (change, position) => {
    const index = position + 1;
    if (options.signal?.aborted) throw new JujuAbortError(`bundle deployment aborted before ${change.id}`);
    const previous = done.get(change.id);
    if (previous !== undefined) {
      const reason = known.get(change.id)?.reason ?? 'the model already shows it';
      report({ change, subject: subjectOf(change, run.results) }, index, {
        status: 'skipped',
        result: previous,
        reason,
      });
      return;
    }
    const prepared = await prepareChange(change, run).catch((cause: unknown) => {
      throw changeFailure(change, cause);
    });
    const step: BundleStep = { change, subject: prepared.subject };
    hooks.before?.(step, prepared.call);
    if (run.dryRun) {
      report(step, index, { status: 'planned', result: prepared.predicted });
      return;
    }
    const made = await make(change, prepared).catch((cause: unknown) => {
      hooks.after?.(step, { status: 'failed', error: cause });
      throw changeFailure(change, cause);
    });
    executed += 1;
    report(step, index, { status: 'done', ...made });
  });
  return {
    results: Object.fromEntries(run.results),
    executed,
    skipped: run.dryRun ? 0 : changes.length - executed,
  };
}

/** Makes the change's call; a relation an earlier attempt made (its answer lost) counts as made. */
async function make(
  change: BundleChangesMapArgs,
  prepared: PreparedChange,
): Promise<{ result: string; note?: string }> {
  try {
    return { result: await prepared.make() };
  } catch (error) {
    const exists =
      error instanceof JujuAlreadyExistsError ||
      (error instanceof Error && /already exists/.test(error.message));
    if (change.method !== 'addRelation' || !exists) throw error;
    return { result: prepared.predicted, note: 'relation already exists' };
  }
}

/**
 * The error a failed change throws. Transport failures, "try again" and aborts pass through as they
 * are: they say nothing about the change, and callers' retry logic (edge-core's phases) looks for them.
 */
function changeFailure(change: BundleChangesMapArgs, cause: unknown): unknown {
  if (cause instanceof JujuTransportError || cause instanceof JujuTryAgainError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new JujuBundleError(
    `bundle change ${change.id} (${change.method}) failed: ${message}`,
    [],
    change.id,
    {
      cause,
    },
  );
}
