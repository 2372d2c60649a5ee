import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Journal, type JournalRecord, loadPlanFile, type Plan, publicUrl } from '@edgekit/edge-core';
import { journalPathFor } from './apply.js';

/** A saved plan whose last apply or rollback began and did not finish: what the Apply screen resumes. */
export interface UnfinishedPlan {
  file: string;
  plan: Plan;
  /** `apply` or `rollback`, as the journal's last run began. */
  mode: string;
  /** Why it stopped: the run's failure, or null when edgekit stopped mid-run (a crash, a kill, a reboot). */
  failure: string | null;
  /** Mutating calls the journal saw answered. */
  callsDone: number;
  /** Calls sent whose answer was never recorded: resume checks each against the live site. */
  inDoubt: string[];
}

const PLAN_FILE = /\.plan\.ya?ml$/;

/** The records of the journal's last run (from its last `begin`), or null if it ended cleanly. */
function lastRunIfUnfinished(records: readonly JournalRecord[]): JournalRecord[] | null {
  const begin = records.findLastIndex((record) => record.kind === 'begin');
  if (begin < 0) return null;
  const run = records.slice(begin);
  const end = run.findLast((record) => record.kind === 'end');
  if (end?.kind === 'end' && (end.status === 'applied' || end.status === 'rolled back')) return null;
  return run;
}

/** Two MAAS URLs name the same server (credentials, query and a missing trailing slash aside). */
function sameMaas(a: string, b: string): boolean {
  const normal = (url: string) => publicUrl(url).replace(/\/?$/, '/');
  try {
    return normal(a) === normal(b);
  } catch {
    return false;
  }
}

/**
 * The newest plan in `dir` (by its journal's last write) whose apply or rollback did not finish, so
 * that after a crash the TUI reopens on it; null when every journalled plan there finished. With
 * `maasUrl`, only a plan made for that MAAS counts: another site's plan (or an earlier, since vanished,
 * simulated demo's) is not this site's to resume. A journal that cannot be read is skipped: this is a
 * convenience, `edgekit apply FILE` reports such errors.
 */
export async function findUnfinishedPlan(dir: string, maasUrl?: string): Promise<UnfinishedPlan | null> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => PLAN_FILE.test(name));
  } catch {
    return null;
  }
  const candidates: { file: string; journal: string; modified: number }[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const journal = journalPathFor(file);
    const modified = await stat(journal).then(
      (info) => info.mtimeMs,
      () => null,
    );
    if (modified !== null) candidates.push({ file, journal, modified });
  }
  candidates.sort((a, b) => b.modified - a.modified);
  for (const { file, journal } of candidates) {
    try {
      if (lastRunIfUnfinished(Journal.read(journal)) === null) continue;
      const plan = await loadPlanFile(file);
      if (maasUrl !== undefined && !sameMaas(plan.inventory.source.maasUrl, maasUrl)) continue;
      // Opening checks the journal belongs to this plan.
      const log = Journal.open(journal, plan.id, { readOnly: true });
      const run = lastRunIfUnfinished(log.records) ?? [];
      const begin = run[0];
      const end = run.findLast((record) => record.kind === 'end');
      return {
        file,
        plan,
        mode: begin?.kind === 'begin' ? begin.mode : 'apply',
        failure: end?.kind === 'end' ? end.status : null,
        callsDone: run.filter((record) => record.kind === 'outcome' && record.ok).length,
        inDoubt: log.inDoubt(),
      };
    } catch {
      // Not this one: the next candidate may still be resumable.
    }
  }
  return null;
}
