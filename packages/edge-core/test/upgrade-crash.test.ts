// applyUpgrade killed with SIGKILL at seeded random points, then resumed from its journal: the model
// ends on 1.36 with every unit active, every refresh made once and every unit's actions queued once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allUnitsActiveIdle } from '@edgekit/juju-client';
import { describe, expect, it } from 'vitest';
import { applyUpgrade, planUpgrade, saveUpgradePlanFile, upgradeJujuFromClient } from '../src/index.js';
import { type Child, runAndKill, seededRandom, spawnChild } from './support/apply-crash-harness.js';
import { startSites } from './support/apply-helpers.js';
import { ckBundleTexts } from './support/plan-helpers.js';

// `EDGEKIT_CRASH_RUNS=200 pnpm exec vitest run test/upgrade-crash.test.ts` for a reliability run.
const RUNS = Number(process.env.EDGEKIT_CRASH_RUNS ?? 10);
const seed = Number(process.env.EDGEKIT_CRASH_SEED ?? 20261205);

interface UpgradeCrashResult {
  killAfter: number;
  afterCall: boolean;
  first: 'killed' | 'finished';
  problems: string[];
}

async function crashUpgrade(
  child: Child,
  killAfter: number,
  afterCall: boolean,
): Promise<UpgradeCrashResult> {
  const sites = await startSites({ timeScale: 5000 });
  try {
    await sites.jujuClient.deployBundle(ckBundleTexts()[0] as string);
    const watcher = sites.jujuClient.watchModel({ pollIntervalMs: 10 });
    await watcher.waitFor(allUnitsActiveIdle);
    await watcher.stop();
    const juju = upgradeJujuFromClient(sites.jujuClient);
    const planned = await planUpgrade(juju, { to: '1.36' });
    if (planned.upToDate) throw new Error('expected a plan');
    const dir = mkdtempSync(join(tmpdir(), 'edgekit-upgrade-crash-'));
    const planPath = join(dir, 'upgrade.yaml');
    const journalPath = join(dir, 'upgrade.journal.jsonl');
    await saveUpgradePlanFile(planPath, planned.plan);
    const config = { juju: sites.jujuSim.modelLogin(), planPath, journalPath, pollMs: 5 };
    // Half the runs die the moment the controller has served the k-th intent's call, before the
    // outcome is journalled: the resumed run must find that call's effect, not make it again.
    let servedAtIntent: number | undefined;
    const served = () => sites.jujuSim.stats().mutatingRequests;
    const first = await runAndKill(child, config, journalPath, killAfter, (count) => {
      if (count < killAfter) return false;
      if (!afterCall) return true;
      servedAtIntent ??= served();
      return served() > servedAtIntent;
    });
    await applyUpgrade({ plan: planned.plan, juju, journalPath, pollMs: 5 });

    const problems: string[] = [];
    const status = await sites.jujuClient.client.fullStatus();
    for (const [name, app] of Object.entries(status.applications)) {
      if (app['charm-channel'] !== '1.36/stable') problems.push(`${name} on ${app['charm-channel']}`);
      for (const [unit, u] of Object.entries(app.units ?? {})) {
        if (u['workload-status'].status !== 'active') problems.push(`${unit} ${u['workload-status'].status}`);
        if (name.startsWith('kubernetes-') && u['workload-version'] !== '1.36.0')
          problems.push(`${unit} runs ${u['workload-version']}`);
      }
    }
    const refreshes = planned.plan.steps.filter((s) => s.kind === 'refresh').length;
    const setCharms = sites.jujuSim.stats().byMethod['Application.SetCharm'] ?? 0;
    if (setCharms !== refreshes) problems.push(`${setCharms} SetCharm calls for ${refreshes} refreshes`);
    const queued = new Map<string, number>();
    const { operations } = await sites.jujuClient.actions.listOperations({});
    for (const op of operations) {
      for (const a of op.ok ? (op.value.actions ?? []) : []) {
        const key = `${a.action?.receiver} ${a.action?.name}`;
        queued.set(key, (queued.get(key) ?? 0) + 1);
      }
    }
    const actionSteps = planned.plan.steps.filter((s) => s.kind === 'action').length;
    if (queued.size !== actionSteps)
      problems.push(`${queued.size} distinct actions for ${actionSteps} steps`);
    for (const [key, count] of queued) if (count > 1) problems.push(`${key} queued ${count} times`);
    return { killAfter, afterCall, first, problems };
  } finally {
    await sites.close();
  }
}

describe('upgrade killed with SIGKILL at random points', () => {
  it(
    `resumes to 1.36 without a step applied twice, ${RUNS} runs (seed ${seed})`,
    async () => {
      const random = seededRandom(seed);
      // An in-place upgrade of the CK bundle journals 27 intents: 1 snapshot, 7 refreshes of two calls
      // each, 2 control-plane upgrades... kill anywhere in that range.
      // The first run dies right after the etcd snapshot was queued: an action no status shows done.
      const kills = [1, ...Array.from({ length: RUNS - 1 }, () => 1 + Math.floor(random() * 27))];
      const results: UpgradeCrashResult[] = [];
      let next = spawnChild('upgrade-child.ts');
      for (const [run, killAfter] of kills.entries()) {
        const child = next;
        next = spawnChild('upgrade-child.ts');
        results.push(await crashUpgrade(child, killAfter, run % 2 === 0));
      }
      next.process.kill('SIGKILL');
      for (const result of results)
        expect(
          result.problems,
          `kill after intent ${result.killAfter}${result.afterCall ? ' was served' : ''}`,
        ).toEqual([]);
      expect(results.filter((r) => r.first === 'killed').length).toBeGreaterThanOrEqual(RUNS - 1);
    },
    240_000 + RUNS * 5_000,
  );
});
