// edgekit upgrade in place on the simulators: Charmed Kubernetes 1.35 deployed by juju-sim on
// maas-sim, refreshed to 1.36 in the documented order, while a watcher polling FullStatus checks the
// executor's safety rule from the outside; an interrupted run resumes from its journal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ApplyEvent,
  applyUpgrade,
  Journal,
  planUpgrade,
  type UpgradePlan,
  UpgradePlanSchema,
  UpgradeRefusedError,
  upgradeJujuFromClient,
} from '../src/index.js';
import { clearJujuFaults } from './support/apply-helpers.js';
import { watchOutOfService } from './support/day2-site.js';
import { deployed135AfterEach, expectOn136, plannedTo136 } from './support/upgrade-site.js';

const deployed135 = deployed135AfterEach();

describe('edgekit upgrade in place', () => {
  it('plans in the documented order, refuses a skipped minor and an unknown target, upgrades, and says when done', async () => {
    const site = await deployed135();
    const juju = upgradeJujuFromClient(site.jujuClient);
    await expect(planUpgrade(juju, { to: '1.37' })).rejects.toThrow(/skips a minor version/);
    await expect(planUpgrade(juju, { to: 'banana' })).rejects.toBeInstanceOf(UpgradeRefusedError);
    const planned = await planUpgrade(juju, { to: '1.36' });
    if (planned.upToDate) throw new Error('expected a plan');
    const plan: UpgradePlan = UpgradePlanSchema.parse(JSON.parse(JSON.stringify(planned.plan)));
    expect(plan.steps.filter((s) => s.kind === 'refresh').map((s) => s.application)).toEqual([
      'containerd',
      'etcd',
      'easyrsa',
      'kubeapi-load-balancer',
      'calico',
      'kubernetes-control-plane',
      'kubernetes-worker',
    ]);
    expect(plan.steps[0]?.id).toBe('snapshot/etcd/0');
    expect(plan.steps.slice(-3).map((s) => s.id)).toEqual([
      'pause/kubernetes-worker/2',
      'upgrade/kubernetes-worker/2',
      'resume/kubernetes-worker/2',
    ]);

    // Dry run: every request announced, none made.
    const before = site.jujuSim.stats().mutatingRequests;
    const dryEvents: ApplyEvent[] = [];
    await applyUpgrade({ plan, juju, dryRun: true, onEvent: (e) => dryEvents.push(e) });
    expect(site.jujuSim.stats().mutatingRequests).toBe(before);
    expect(dryEvents.filter((e) => e.type === 'request' && e.dryRun).length).toBeGreaterThan(
      plan.steps.length,
    );

    const safety = watchOutOfService(site);
    const journalPath = join(mkdtempSync(join(tmpdir(), 'upgrade-')), 'upgrade.journal');
    const result = await applyUpgrade({ plan, juju, journalPath, pollMs: 5 });
    const seen = await safety.stop();
    expect(result.executed).toHaveLength(plan.steps.length);
    expect(seen.polls).toBeGreaterThan(20);
    for (const [app, worst] of Object.entries(seen.worst)) expect(worst, app).toBeLessThanOrEqual(1);
    // No etcd quorum check here: no step of this upgrade takes an etcd unit out of service (etcd's
    // upgrade-charm hook keeps it serving), so one could not fail. upgrade-quorum.test.ts loses etcd units
    // on the Juju simulator and checks that planning refuses and a running upgrade waits.
    // The watcher does see the drained worker: the bound is reached, not vacuous.
    expect(seen.worst['kubernetes-worker']).toBe(1);
    await expectOn136(site);
    expect(await planUpgrade(juju, { to: '1.36' })).toEqual({ upToDate: true, to: '1.36' });
  });

  it('returns within a second of an abort while Juju keeps answering try again', async () => {
    const site = await deployed135();
    const { juju, planned, journalPath } = await plannedTo136(site);
    // Every call now fails with `try again`: the client backs off up to 10 s, then the step up to 30 s.
    site.jujuSim.setFaults({ tryAgainRate: 1 });
    const abort = new AbortController();
    const running = applyUpgrade({
      plan: planned.plan,
      juju,
      journalPath,
      pollMs: 30_000,
      signal: abort.signal,
    });
    const outcome = running.catch((e: unknown) => e);
    while (site.jujuSim.stats().faults.tryAgainErrors === 0) await new Promise((r) => setTimeout(r, 5));
    const aborted = Date.now();
    abort.abort(new Error('interrupted'));
    const error = await outcome;
    expect(Date.now() - aborted).toBeLessThan(1_000);
    expect(String(error)).toMatch(/interrupted|abort/);
  });

  it('resumes after an interrupted run without running a finished step again', async () => {
    const site = await deployed135();
    const { juju, planned, journalPath } = await plannedTo136(site);
    const abort = new AbortController();
    let done = 0;
    await expect(
      applyUpgrade({
        plan: planned.plan,
        juju,
        journalPath,
        pollMs: 5,
        signal: abort.signal,
        onEvent: (e) => {
          if (e.type === 'step-done' && ++done === 11) abort.abort(new Error('interrupted'));
        },
      }),
    ).rejects.toThrow(/interrupted|aborted/);
    // Paused after the next step it runs, then resumed: the pause lands between steps.
    const paused = await applyUpgrade({
      plan: planned.plan,
      juju,
      journalPath,
      pollMs: 5,
      pauseRequested: () => true,
    });
    expect(paused).toMatchObject({ paused: true, executed: [expect.any(String)] });
    const second = await applyUpgrade({ plan: planned.plan, juju, journalPath, pollMs: 5 });
    expect(second.skipped.length).toBeGreaterThanOrEqual(12);
    expect(second.paused).toBe(false);
    const intents = new Map<string, number>();
    for (const record of Journal.read(journalPath)) {
      if (record.kind === 'intent') intents.set(record.step, (intents.get(record.step) ?? 0) + 1);
    }
    expect([...intents.values()].every((count) => count === 1)).toBe(true);
    await expectOn136(site);
  });

  it('completes while the controller drops connections and answers try again', async () => {
    const site = await deployed135({
      jujuTryAgain: { firstDelayMs: 1, maxDelayMs: 10, totalMs: 200 },
    });
    const juju = upgradeJujuFromClient(site.jujuClient);
    const planned = await planUpgrade(juju, { to: '1.36' });
    if (planned.upToDate) throw new Error('expected a plan');
    site.jujuSim.setFaults({ dropConnectionRate: 0.02, tryAgainRate: 0.1 });
    const journalPath = join(mkdtempSync(join(tmpdir(), 'upgrade-')), 'upgrade.journal');
    const reruns: string[] = [];
    await applyUpgrade({
      plan: planned.plan,
      juju,
      journalPath,
      // Back-off grows from pollMs: long enough to outlast the client's reconnect (1 s, doubling).
      pollMs: 50,
      stepAttempts: 20,
      onEvent: (e) => {
        if (e.type === 'reconcile' && e.detail.startsWith('transient failure')) reruns.push(e.step);
      },
    });
    await clearJujuFaults(site);
    const faults = site.jujuSim.stats().faults;
    expect(faults.droppedConnections).toBeGreaterThan(0);
    expect(faults.tryAgainErrors).toBeGreaterThan(0);
    expect(reruns.length).toBeGreaterThan(0);
    await expectOn136(site);
    // However many re-runs the faults cost, each unit's actions were queued once.
    const { operations } = await site.jujuClient.actions.listOperations({});
    const queued = operations.flatMap((op) =>
      op.ok ? (op.value.actions ?? []).map((a) => `${a.action?.receiver} ${a.action?.name}`) : [],
    );
    expect(new Set(queued).size).toBe(queued.length);
  }, 120_000);
});
