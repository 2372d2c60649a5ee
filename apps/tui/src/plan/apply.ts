import { EdgekitError } from '@edgekit/common';
import {
  type ApplyEvent,
  type ApplyResult,
  applyPlan,
  diffPlan,
  jujuApiFromClient,
  type Plan,
  type PlanDiff,
  type RollbackResult,
  rollbackPlan,
  takeInventory,
} from '@edgekit/edge-core';
import type { OpenedSite } from '../site/open.js';

/** Apply and rollback need both halves of the site. */
export class NoJujuError extends EdgekitError {
  override name = 'NoJujuError';
  static override readonly kind = 'usage';
}

function jujuOf(site: OpenedSite) {
  if (site.juju === null) throw new NoJujuError(`apply needs a Juju model: ${site.jujuNote}`);
  return jujuApiFromClient(site.juju.client, site.juju.modelUUID);
}

/** The journal lives beside the plan, so re-running apply after a crash resumes from it. */
export function journalPathFor(planFile: string): string {
  return `${planFile}.journal.jsonl`;
}

export interface ApplyRun {
  planFile: string;
  dryRun: boolean;
  onEvent: (event: ApplyEvent) => void;
  signal?: AbortSignal;
  /** Fast simulators need less than the default 2 s between polls. */
  pollIntervalMs?: number;
}

export function runApply(site: OpenedSite, plan: Plan, run: ApplyRun): Promise<ApplyResult> {
  return applyPlan({
    plan,
    maas: site.maas,
    juju: jujuOf(site),
    dryRun: run.dryRun,
    onEvent: run.onEvent,
    ...(run.dryRun ? {} : { journalPath: journalPathFor(run.planFile) }),
    ...(run.signal === undefined ? {} : { signal: run.signal }),
    ...(run.pollIntervalMs === undefined ? {} : { pollIntervalMs: run.pollIntervalMs }),
  });
}

export function runRollback(
  site: OpenedSite,
  plan: Plan,
  run: Omit<ApplyRun, 'dryRun' | 'signal'>,
): Promise<RollbackResult> {
  return rollbackPlan({
    plan,
    maas: site.maas,
    juju: jujuOf(site),
    journalPath: journalPathFor(run.planFile),
    onEvent: run.onEvent,
    ...(run.pollIntervalMs === undefined ? {} : { pollIntervalMs: run.pollIntervalMs }),
  });
}

/** What is already there and what apply would create, against the live site. */
export async function liveDiff(site: OpenedSite, plan: Plan): Promise<PlanDiff> {
  const live = await takeInventory(site.maas);
  const status = site.juju ? await jujuOf(site).fullStatus() : undefined;
  return diffPlan(plan, live, status);
}

/** One line per event, as the CLI prints it and the Apply screen logs it. */
export function describeEvent(event: ApplyEvent): string {
  switch (event.type) {
    case 'phase':
      return `== ${event.phase}`;
    case 'step-start':
      return `.. ${event.step}${event.detail ? `: ${event.detail}` : ''}`;
    case 'step-done':
      return `ok ${event.step}${event.detail ? `: ${event.detail}` : ''}`;
    case 'step-skip':
      return `-- ${event.step}: ${event.reason}`;
    case 'step-failed':
      return `!! ${event.step}: ${event.error}`;
    case 'reconcile':
      return `~~ ${event.step}: ${event.detail}`;
    case 'request':
      return `${event.dryRun ? 'would call' : 'call'} ${event.request.service} ${event.request.call}`;
    case 'wait':
      return `.. ${event.step}: ${event.status}`;
  }
}
