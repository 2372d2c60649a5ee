import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyPlan, savePlanFile, takeInventory } from '../src/index.js';
import { consistencyProblems, haEdgePlan, type Sites, startSites } from './apply-helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 10;
const seed = Number(process.env.EDGEKIT_CRASH_SEED ?? 20261125);

/** mulberry32: a small seeded generator, so a failing kill schedule can be replayed with its seed. */
function rng(state: number): () => number {
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

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/** Spawns an apply child that loads its modules and then waits for its configuration on stdin. */
function spawnChild(): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@edgekit/source', join(here, 'apply-child.ts')],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`apply child exited (${code}) before it was ready`)));
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
): Promise<'killed' | 'finished'> {
  const model = sites.jujuSim.models.find((m) => m.name === 'default') ?? sites.jujuSim.models[0];
  const config = {
    maas: { url: sites.maasSim.url, apiKey: sites.maasSim.apiKey },
    juju: {
      endpoints: sites.jujuSim.endpoints,
      caCert: sites.jujuSim.caCert,
      user: sites.jujuSim.user,
      password: sites.jujuSim.password,
      modelUUID: model?.uuid,
    },
    planPath,
    journalPath,
    pollIntervalMs: 10,
  };
  await child.ready;
  child.process.stdin?.write(`${JSON.stringify(config)}\n`);
  let done = false;
  void child.exited.then(() => {
    done = true;
  });
  while (!done) {
    if (intents(journalPath) >= killAfter) {
      child.process.kill('SIGKILL');
      await child.exited;
      return 'killed';
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return 'finished';
}

/** One crash run on fresh simulators: apply in a child, SIGKILL it, apply again, check the result. */
async function crashRun(run: number, child: Child, killAfter: number): Promise<string> {
  const sites = await startSites({ timeScale: 5000 });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'edgekit-crash-'));
    const inventory = await takeInventory(sites.maas);
    const preexisting = new Set(inventory.vmHosts.flatMap((h) => h.vms.map((vm) => vm.hostname)));
    const plan = haEdgePlan(inventory, `crash${run}`);
    const planPath = join(dir, 'plan.yaml');
    const journalPath = join(dir, 'journal.jsonl');
    await savePlanFile(planPath, plan);
    const first = await applyAndKill(child, sites, planPath, journalPath, killAfter);
    await applyPlan({ plan, maas: sites.maas, juju: sites.juju, journalPath, pollIntervalMs: 10 });
    const problems = await consistencyProblems(plan, sites.maas, sites.juju, preexisting);
    expect(problems, `run ${run} (kill after intent ${killAfter})`).toEqual([]);
    return first;
  } finally {
    await sites.close();
  }
}

describe('apply killed with SIGKILL at random points', () => {
  it(`converges on re-run with no duplicate and no orphan, ${RUNS} runs (seed ${seed})`, async () => {
    const random = rng(seed);
    // A full apply journals ~60 intents (5 tags, 7 composes, 14 taggings, machines, 7 charms and
    // deploys, 2 exposes, 13 relations, 10 units): kill anywhere in that range.
    const kills = Array.from({ length: RUNS }, () => 1 + Math.floor(random() * 60));
    const outcomes: string[] = [];
    // Two runs at a time, each on its own simulators; the next pair's processes load while one runs.
    let children = [spawnChild(), spawnChild()];
    for (let run = 0; run < RUNS; run += 2) {
      const current = children;
      children = run + 2 < RUNS ? [spawnChild(), spawnChild()] : [];
      const pair = await Promise.all(
        current.map((child, k) => crashRun(run + k, child, kills[run + k] ?? 1)),
      );
      outcomes.push(...pair);
    }
    expect(outcomes).toHaveLength(RUNS);
    expect(outcomes.filter((o) => o === 'killed').length).toBeGreaterThanOrEqual(RUNS - 2);
  }, 170_000);
});
