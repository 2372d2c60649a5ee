import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ApplyDay2Result,
  type ApplyEvent,
  applyDay2Plan,
  DAY2_DONE,
  type Day2Juju,
  type Day2Maas,
  type Day2Plan,
  day2JujuFromClient,
  Journal,
  loadDay2PlanFile,
  PlanFormatError,
  planDrain,
  planHeal,
  saveDay2PlanFile,
} from '@edgekit/edge-core';
import type { OpenedSite } from '../site/open.js';
import { journalPathFor, NoJujuError } from './apply.js';

export type Day2Mode = 'drain' | 'heal';

function jujuOf(site: OpenedSite, mode: Day2Mode) {
  if (site.juju === null) throw new NoJujuError(`${mode} needs a Juju model: ${site.jujuNote}`);
  return day2JujuFromClient(site.juju.client, site.juju.modelUUID);
}

/** The file a drain or heal keeps its plan in (its journal beside it), in `dir` (the working directory). */
export function day2PlanFile(mode: Day2Mode, host?: string, dir = '.'): string {
  return join(dir, mode === 'drain' ? `drain-${host}.plan.json` : 'heal.plan.json');
}

/** A saved plan whose journal began and did not end done: the re-run resumes it instead of re-planning. */
export async function unfinishedDay2Plan(file: string): Promise<Day2Plan | undefined> {
  if (!existsSync(file) || !existsSync(journalPathFor(file))) return undefined;
  // A damaged plan beside a journal is not resumed: the operator moves it away and plans again.
  const plan = await loadDay2PlanFile(file).catch((cause: unknown) => {
    throw new PlanFormatError((cause as Error).message, { hint: 'move it away', cause });
  });
  const records = Journal.read(journalPathFor(file));
  const begin = records.findLastIndex((r) => r.kind === 'begin');
  if (begin < 0) return plan;
  const end = records.slice(begin).findLast((r) => r.kind === 'end');
  return end?.kind === 'end' && end.status === DAY2_DONE ? undefined : plan;
}

export interface Day2Run {
  mode: Day2Mode;
  host?: string;
  dryRun: boolean;
  onEvent: (event: ApplyEvent) => void;
  signal?: AbortSignal;
  pollIntervalMs?: number;
  /** Where the plan and journal live (default: the working directory). */
  dir?: string;
  /** Asked once the plan is known and before anything changes (not in a dry run); false stops. */
  confirm: (plan: Day2Plan, resumed: boolean) => Promise<boolean>;
}

/** Plans a drain of `host`, or a heal, against the site as it is now (the site, or a twin of it). */
export function planDay2(maas: Day2Maas, juju: Day2Juju, mode: Day2Mode, host?: string): Promise<Day2Plan> {
  return mode === 'drain' ? planDrain({ maas, juju, host: host ?? '' }) : planHeal({ maas, juju });
}

/**
 * Plans (or, after an interrupted run, reloads) a drain or heal and runs it. The plan is saved before
 * the first change, so a re-run after a crash follows the same plan and resumes from its journal.
 */
export async function runDay2(
  site: OpenedSite,
  run: Day2Run,
): Promise<{ plan: Day2Plan; resumed: boolean; result: ApplyDay2Result | null; file: string }> {
  const juju = jujuOf(site, run.mode);
  const file = day2PlanFile(run.mode, run.host, run.dir);
  const saved = await unfinishedDay2Plan(file);
  const resumed = saved !== undefined && (run.mode === 'heal' || saved.host?.name === run.host);
  const plan = resumed && saved !== undefined ? saved : await planDay2(site.maas, juju, run.mode, run.host);
  // Nothing down: nothing to confirm, save or journal.
  if (run.mode === 'heal' && !resumed && plan.replacements.length === 0 && plan.unplaced.length === 0) {
    const result = { dryRun: run.dryRun, replaced: {}, skipped: [], untouched: plan.untouched, unplaced: [] };
    return { plan, resumed, result, file };
  }
  if (!run.dryRun && !(await run.confirm(plan, resumed))) return { plan, resumed, result: null, file };
  if (!run.dryRun && !resumed) {
    // The last run finished: its journal is kept beside, named by its plan, and the new plan starts its own.
    const journal = journalPathFor(file);
    if (existsSync(journal)) {
      const begin = Journal.read(journal).find((record) => record.kind === 'begin');
      await rename(journal, `${journal}.${begin?.kind === 'begin' ? begin.planId : 'previous'}`);
    }
  }
  if (!run.dryRun && !resumed) await saveDay2PlanFile(file, plan);
  const options = {
    plan,
    maas: site.maas,
    juju,
    dryRun: run.dryRun,
    onEvent: run.onEvent,
    ...(run.dryRun ? {} : { journalPath: journalPathFor(file) }),
    ...(run.signal === undefined ? {} : { signal: run.signal }),
    ...(run.pollIntervalMs === undefined ? {} : { pollIntervalMs: run.pollIntervalMs }),
  };
  const result = await applyDay2Plan(options);
  return { plan, resumed, result, file };
}
