// A blue-green upgrade killed with SIGKILL at seeded points, then resumed from its journal: it ends on
// 1.36 with one green worker per old one, each new VM once in MAAS and under one Juju machine, the old
// worker VMs and application gone, and no unit's action queued twice.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyUpgrade,
  greenName,
  planUpgrade,
  saveUpgradePlanFile,
  type UpgradePlan,
  upgradeJujuFromClient,
} from '../src/index.js';
import {
  type Child,
  crashRunFiles,
  runAndKill,
  seededRandom,
  spawnChild,
} from './support/apply-crash-harness.js';
import { clearJujuFaults } from './support/apply-helpers.js';
import { childLogins } from './support/child-config.js';
import { type Day2Site, haEdgeSite } from './support/day2-site.js';
import { jujuMachinesByNode, newVmProblems } from './support/machine-problems.js';

const RUNS = Number(process.env.EDGEKIT_BG_CRASH_RUNS ?? 3);
const seed = Number(process.env.EDGEKIT_CRASH_SEED ?? 20261205);

async function problemsAfter(site: Day2Site, plan: UpgradePlan, workers: number): Promise<string[]> {
  const problems: string[] = [];
  const green = greenName('kubernetes-worker');
  const status = await site.jujuClient.client.fullStatus();
  if (status.applications['kubernetes-worker'] !== undefined) problems.push('old worker application left');
  const greenUnits = Object.keys(status.applications[green]?.units ?? {}).length;
  if (greenUnits !== workers) problems.push(`${greenUnits} green units for ${workers} old workers`);
  for (const [name, app] of Object.entries(status.applications)) {
    if (app['charm-channel'] !== '1.36/stable') problems.push(`${name} on ${app['charm-channel']}`);
    for (const [unit, u] of Object.entries(app.units ?? {}))
      if (u['workload-status'].status !== 'active') problems.push(`${unit} ${u['workload-status'].status}`);
  }
  const machines = await site.maas.machines.list();
  const { byNode, problems: doubled } = jujuMachinesByNode(status);
  problems.push(...doubled);
  for (const step of plan.steps) {
    if (step.kind === 'new-worker')
      problems.push(...newVmProblems(step.vm.compose.params.hostname, machines, byNode));
    if (step.kind === 'retire' && machines.some((m) => m.hostname === step.vm.old.hostname))
      problems.push(`old worker VM ${step.vm.old.hostname} left`);
  }
  const queued = new Map<string, number>();
  const { operations } = await site.jujuClient.actions.listOperations({});
  for (const op of operations)
    for (const a of op.ok ? (op.value.actions ?? []) : []) {
      const key = `${a.action?.receiver} ${a.action?.name}`;
      queued.set(key, (queued.get(key) ?? 0) + 1);
    }
  for (const [key, count] of queued) if (count > 1) problems.push(`${key} queued ${count} times`);
  return problems;
}

/** The blue-green plan of a site to 1.36, with what the runs need beside it. */
async function planBlueGreen(site: Day2Site) {
  const juju = upgradeJujuFromClient(site.jujuClient);
  const bg = { maas: site.maas, juju: site.day2 };
  const result = await planUpgrade(juju, { to: '1.36', strategy: 'blue-green', site: bg });
  if (result.upToDate) throw new Error('expected a plan');
  const workers = result.plan.steps.filter((s) => s.kind === 'retire').length;
  return { juju, bg, planned: result, workers };
}

async function crashBlueGreen(child: Child, run: number, killAfter: number) {
  const site = await haEdgeSite(`bgcrash${run}`);
  try {
    const { juju, bg, planned, workers } = await planBlueGreen(site);
    const { planPath, journalPath } = crashRunFiles('edgekit-bg-crash-', 'upgrade.yaml');
    await saveUpgradePlanFile(planPath, planned.plan);
    const config = { ...childLogins(site), planPath, journalPath, pollMs: 5 };
    const first = await runAndKill(child, config, journalPath, killAfter);
    await applyUpgrade({ plan: planned.plan, juju, site: bg, journalPath, pollMs: 5 });
    return { killAfter, first, problems: await problemsAfter(site, planned.plan, workers) };
  } finally {
    await site.close();
  }
}

describe('blue-green upgrade killed with SIGKILL at random points', () => {
  it(
    `resumes with no orphan VM, machine or application, ${RUNS} runs (seed ${seed})`,
    async () => {
      const random = seededRandom(seed + 1);
      // A blue-green upgrade of the HA edge preset journals about 45 intents: kill anywhere in them.
      const kills = Array.from({ length: RUNS }, () => 1 + Math.floor(random() * 45));
      const results = [];
      let next = spawnChild('upgrade-child.ts');
      for (const [run, killAfter] of kills.entries()) {
        const child = next;
        next = spawnChild('upgrade-child.ts');
        results.push(await crashBlueGreen(child, run, killAfter));
      }
      next.process.kill('SIGKILL');
      for (const result of results)
        expect(result.problems, `kill after intent ${result.killAfter}`).toEqual([]);
      expect(results.filter((r) => r.first === 'killed').length).toBeGreaterThanOrEqual(RUNS - 1);
    },
    RUNS * 120_000,
  );
});

describe('blue-green upgrade under faults in both simulators', () => {
  it('completes through 409/503 with Retry-After from MAAS, dropped connections and try again from Juju', async () => {
    const site = await haEdgeSite('bgfaults', {
      jujuTryAgain: { firstDelayMs: 1, maxDelayMs: 10, totalMs: 200 },
    });
    try {
      const { juju, bg, planned, workers } = await planBlueGreen(site);
      site.maasSim.setFaults([
        {
          method: 'POST',
          op: 'compose',
          script: ['conflict-retry', 'unavailable-retry'],
          retryAfterSeconds: 1,
        },
        { method: 'DELETE', path: /^\/machines\//, script: ['unavailable-retry'], retryAfterSeconds: 1 },
      ]);
      site.jujuSim.setFaults({ dropConnectionRate: 0.02, tryAgainRate: 0.05 });
      const journalPath = join(mkdtempSync(join(tmpdir(), 'edgekit-bg-faults-')), 'upgrade.jsonl');
      // Back-off grows from pollMs: long enough to outlast the client's reconnect (1 s, doubling).
      await applyUpgrade({ plan: planned.plan, juju, site: bg, journalPath, pollMs: 50, stepAttempts: 20 });
      await clearJujuFaults(site);
      site.maasSim.clearFaults();
      expect(site.maasSim.stats().faultsInjected).toBeGreaterThanOrEqual(3);
      const jujuFaults = site.jujuSim.stats().faults;
      expect(jujuFaults.droppedConnections + jujuFaults.tryAgainErrors).toBeGreaterThan(0);
      expect(await problemsAfter(site, planned.plan, workers)).toEqual([]);
    } finally {
      await site.close();
    }
  }, 120_000);
});
