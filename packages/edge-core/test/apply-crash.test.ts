import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unprovisioned } from '../src/apply/juju-machines.js';
import { applyPlan, takeInventory } from '../src/index.js';
import { crashRuns, crashThenRollback, spawnChild } from './support/apply-crash-harness.js';
import { consistencyProblems, haEdgePlan, startSites } from './support/apply-helpers.js';

const RUNS = 10;
const seed = Number(process.env.EDGEKIT_CRASH_SEED ?? 20261125);

describe('apply killed with SIGKILL at random points', () => {
  it(`converges on re-run with no duplicate and no orphan, ${RUNS} runs (seed ${seed})`, async () => {
    const results = await crashRuns(RUNS, seed);
    expect(results).toHaveLength(RUNS);
    for (const result of results) {
      expect(result.problems, `run ${result.run} (kill after intent ${result.killAfter})`).toEqual([]);
    }
    // Nearly every run must really be cut short (a kill point past the last intent lets one finish).
    expect(results.filter((r) => r.first === 'killed').length).toBeGreaterThanOrEqual(RUNS - 2);
  }, 170_000);
});

describe('a re-run while the interrupted run’s Juju machines are still provisioning', () => {
  it('adopts them by the machine ids the journal recorded instead of adding machines twice', async () => {
    // Slow enough that MAAS is still deploying the nodes when the second run looks at the model.
    const sites = await startSites({ timeScale: 300 });
    try {
      const inventory = await takeInventory(sites.maas);
      const preexisting = new Set(inventory.vmHosts.flatMap((h) => h.vms.map((vm) => vm.hostname)));
      const plan = haEdgePlan(inventory, 'pend01');
      const journalPath = join(mkdtempSync(join(tmpdir(), 'edgekit-pending-')), 'journal.jsonl');
      const stop = new Error('interrupted right after AddMachines');
      await expect(
        applyPlan({
          plan,
          maas: sites.maas,
          juju: sites.juju,
          journalPath,
          pollIntervalMs: 10,
          onEvent: (event) => {
            if (event.type === 'phase' && event.phase === 'deploy') throw stop;
          },
        }),
      ).rejects.toBe(stop);
      const status = await sites.juju.fullStatus();
      const pending = Object.values(status.machines).filter(unprovisioned);
      expect(pending.length).toBeGreaterThan(0);
      await applyPlan({ plan, maas: sites.maas, juju: sites.juju, journalPath, pollIntervalMs: 10 });
      expect(await consistencyProblems(plan, sites.maas, sites.juju, preexisting)).toEqual([]);
    } finally {
      await sites.close();
    }
  }, 60_000);
});

describe('rollback after a SIGKILL', () => {
  it('removes what the interrupted run created, mid-compose and mid-deploy alike', async () => {
    const kills = [10, 45];
    const results = await Promise.all(
      kills.map((killAfter, run) => crashThenRollback(run, spawnChild(), killAfter)),
    );
    for (const result of results) {
      expect(result.first).toBe('killed');
      expect(result.problems, `kill after intent ${result.killAfter}`).toEqual([]);
    }
  }, 90_000);
});
