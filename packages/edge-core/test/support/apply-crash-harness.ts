import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from '@edgekit/common';
import { applyPlan, type Plan, rollbackPlan, savePlanFile, takeInventory } from '../../src/index.js';
import {
  consistencyProblems,
  haEdgePlan,
  type SiteOptions,
  type Sites,
  startSites,
  UNDER_FAULTS,
} from './apply-helpers.js';
import { childLogins } from './child-config.js';

const here = dirname(fileURLToPath(import.meta.url));

/** mulberry32: a small seeded generator, so a failing kill schedule can be replayed with its seed. */
export function seededRandom(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function intents(journalPath: string): number {
  if (!existsSync(journalPath)) return 0;
  return readFileSync(journalPath, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"kind":"intent"')).length;
}

export interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Spawns a child (test/support/apply-child.ts, or another script of this folder such as upgrade-child.ts) that
 * loads its modules, then waits for its run on stdin.
 */
export function spawnChild(script = 'apply-child.ts'): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@edgekit/source', join(here, script)],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) =>
      reject(new Error(`apply child exited (${code}) before it was ready: ${stderr}`)),
    );
  });
  ready.catch(() => {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, ready, exited };
}

/** Hands the child its run and SIGKILLs it right after its `killAfter`-th journalled intent. */
async function applyAndKill(
  child: Child,
  sites: Sites,
  planPath: string,
  journalPath: string,
  killAfter: number,
  siteOptions: SiteOptions,
): Promise<'killed' | 'finished'> {
  const config = { ...childLogins(sites, siteOptions.maasRetry), planPath, journalPath, pollIntervalMs: 10 };
  return runAndKill(child, config, journalPath, killAfter);
}

/**
 * Hands a ready child its run (one JSON line) and SIGKILLs it as soon as `killNow` says so (checked
 * every 2 ms), by default right after its `killAfter`-th journalled intent.
 */
export async function runAndKill(
  child: Child,
  config: unknown,
  journalPath: string,
  killAfter: number,
  killNow: (intentsSoFar: number) => boolean = (count) => count >= killAfter,
): Promise<'killed' | 'finished'> {
  await child.ready;
  child.process.stdin?.write(`${JSON.stringify(config)}\n`);
  let done = false;
  void child.exited.then(() => {
    done = true;
  });
  while (!done) {
    if (killNow(intents(journalPath))) {
      child.process.kill('SIGKILL');
      await child.exited;
      return 'killed';
    }
    await sleep(2);
  }
  return 'finished';
}

/** A fresh folder for one crash run: where its plan file and its journal go. */
export function crashRunFiles(prefix: string, planFile = 'plan.yaml') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { planPath: join(dir, planFile), journalPath: join(dir, 'journal.jsonl') };
}

/** The HA edge plan `id` on a fresh site, saved for a child, with the VMs that were there before it. */
async function planCrashRun(sites: Sites, id: string, prefix: string) {
  const files = crashRunFiles(prefix);
  const inventory = await takeInventory(sites.maas);
  const preexisting = new Set(inventory.vmHosts.flatMap((h) => h.vms.map((vm) => vm.hostname)));
  const plan = haEdgePlan(inventory, id);
  await savePlanFile(files.planPath, plan);
  return { ...files, plan, preexisting };
}

/** What a rollback must leave behind: no VM, tag, Juju machine or application of the plan. */
async function leftovers(sites: Sites, plan: Plan, preexisting: ReadonlySet<string>): Promise<string[]> {
  const problems: string[] = [];
  for (const machine of await sites.maas.machines.list()) {
    if (machine.pod != null && !preexisting.has(machine.hostname))
      problems.push(`VM ${machine.hostname} left (${machine.status_name})`);
    if (machine.tag_names.includes(plan.outputs.tags.plan)) problems.push(`${machine.hostname} still tagged`);
  }
  if ((await sites.maas.tags.list()).some((tag) => tag.name === plan.outputs.tags.plan))
    problems.push('plan tag left');
  const status = await sites.juju.fullStatus();
  for (const id of Object.keys(status.machines)) problems.push(`Juju machine ${id} left`);
  for (const app of Object.keys(status.applications)) problems.push(`application ${app} left`);
  return problems;
}

/** Kill apply after `killAfter` intents, then roll the plan back instead of finishing it. */
export async function crashThenRollback(
  run: number,
  child: Child,
  killAfter: number,
): Promise<CrashRunResult> {
  const sites = await startSites({ timeScale: 5000 });
  try {
    const { plan, preexisting, planPath, journalPath } = await planCrashRun(
      sites,
      `rback${run}`,
      'edgekit-crash-rollback-',
    );
    const first = await applyAndKill(child, sites, planPath, journalPath, killAfter, {});
    await rollbackPlan({ plan, maas: sites.maas, juju: sites.juju, journalPath, pollIntervalMs: 10 });
    return { run, killAfter, first, problems: await leftovers(sites, plan, preexisting) };
  } finally {
    await sites.close();
  }
}

export interface CrashRunResult {
  run: number;
  killAfter: number;
  first: 'killed' | 'finished';
  problems: string[];
}

/**
 * One crash run on fresh simulators: plan the HA edge preset, apply it in a child process, SIGKILL the
 * child after its `killAfter`-th journalled intent, apply again in this process, and list whatever
 * is then inconsistent (duplicates, orphans, units not active or not where planned).
 */
export async function crashRun(
  run: number,
  child: Child,
  killAfter: number,
  siteOptions: SiteOptions = {},
): Promise<CrashRunResult> {
  const sites = await startSites({ timeScale: 5000, ...siteOptions });
  try {
    const { plan, preexisting, planPath, journalPath } = await planCrashRun(
      sites,
      `crash${run}`,
      'edgekit-crash-',
    );
    const first = await applyAndKill(child, sites, planPath, journalPath, killAfter, siteOptions);
    await applyPlan({ plan, maas: sites.maas, juju: sites.juju, journalPath, ...UNDER_FAULTS });
    return {
      run,
      killAfter,
      first,
      problems: await consistencyProblems(plan, sites.maas, sites.juju, preexisting),
    };
  } finally {
    await sites.close();
  }
}

/** Runs `runs` crash runs, `parallel` at a time, the next batch's children loading meanwhile. */
export async function crashRuns(
  runs: number,
  seed: number,
  options: {
    parallel?: number;
    siteOptions?: (run: number) => SiteOptions;
    onResult?: (result: CrashRunResult) => void;
  } = {},
): Promise<CrashRunResult[]> {
  const random = seededRandom(seed);
  // A full apply journals ~60 intents (5 tags, 7 composes, 14 taggings, machines, 7 charms and
  // deploys, 2 exposes, 13 relations, 10 units): kill anywhere in that range.
  const kills = Array.from({ length: runs }, () => 1 + Math.floor(random() * 60));
  const parallel = options.parallel ?? 2;
  const results: CrashRunResult[] = [];
  let children = Array.from({ length: Math.min(parallel, runs) }, spawnChild);
  for (let start = 0; start < runs; start += parallel) {
    const current = children;
    const nextCount = Math.min(parallel, runs - start - parallel);
    children = nextCount > 0 ? Array.from({ length: nextCount }, spawnChild) : [];
    const batch = await Promise.all(
      current.map((child, k) =>
        crashRun(start + k, child, kills[start + k] ?? 1, options.siteOptions?.(start + k) ?? {}),
      ),
    );
    for (const result of batch) options.onResult?.(result);
    results.push(...batch);
  }
  return results;
}
