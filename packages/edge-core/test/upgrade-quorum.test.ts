// etcd quorum in the in-place upgrade, with etcd units lost on the Juju simulator (its unitsLost fault:
// agent lost, workload unknown, as Juju shows units whose machine went down). etcd keeps quorum while
// more than half of its units serve: 2 of 3 serving is quorum, 1 of 3 is not. Planning refuses without
// it; a running upgrade does not start its next step until it is back.
import { sleep } from '@edgekit/common';
import { describe, expect, it } from 'vitest';
import { type ApplyEvent, applyUpgrade, UpgradeRefusedError } from '../src/index.js';
import type { Sites } from './support/apply-helpers.js';
import { deployed135AfterEach, expectOn136, plannedTo136 } from './support/upgrade-site.js';

const deployed135 = deployed135AfterEach();

const ROOM = 'waiting for room: etcd quorum and at most maxUnavailable units out';

/** Waits (through the AllWatcher) until these units are active again after a fault changed. */
async function active(site: Sites, units: string[]): Promise<void> {
  const watcher = site.jujuClient.watchModel({ pollIntervalMs: 10 });
  await watcher.waitFor((model) =>
    units.every((name) => model.units.get(name)?.['workload-status'].current === 'active'),
  );
  await watcher.stop();
}

describe('upgrade and etcd quorum', () => {
  it('refuses to plan with 2 of 3 etcd units lost; with 1 lost the refusal names the unit; plans once all serve', async () => {
    const site = await deployed135();
    site.jujuSim.setFaults({ unitsLost: ['etcd/1', 'etcd/2'] });
    const noQuorum = await plannedTo136(site).catch((error: unknown) => error);
    expect(noQuorum).toBeInstanceOf(UpgradeRefusedError);
    expect(noQuorum).toMatchObject({
      message:
        'etcd has no quorum: etcd/1 unknown/lost, etcd/2 unknown/lost out of service (repair etcd, or wait until its units are active, before upgrading)',
      hint: 'repair etcd, or wait until its units are active, before upgrading',
    });

    // 2 of 3 serving is quorum: the refusal is the every-unit-active rule's, naming the lost unit.
    site.jujuSim.setFaults({ unitsLost: ['etcd/1'] });
    await active(site, ['etcd/2']);
    const oneLost = await plannedTo136(site).catch((error: unknown) => error);
    expect(oneLost).toBeInstanceOf(UpgradeRefusedError);
    expect(oneLost).toMatchObject({
      message:
        "unit etcd/1 of etcd is unknown/lost (agent lost, see 'juju show-status-log etcd/1') (every unit must be active and idle before an upgrade)",
    });

    site.jujuSim.clearFaults();
    await active(site, ['etcd/1', 'etcd/2']);
    const { planned } = await plannedTo136(site);
    expect(planned.plan.steps[0]?.id).toBe('snapshot/etcd/0');
  });

  it('runs a step with 1 of 3 etcd units lost, waits before the next with 2 lost, and finishes once they are back', async () => {
    const site = await deployed135();
    const { juju, planned, journalPath } = await plannedTo136(site);
    const { plan } = planned;

    // Quorum kept (2 of 3 serve): the first step (etcd/0's snapshot) runs without waiting for room.
    site.jujuSim.setFaults({ unitsLost: ['etcd/1'] });
    // Were it to wait for room, it would wait for good: it stops with that error instead.
    const noRoom = new AbortController();
    const first = await applyUpgrade({
      plan,
      juju,
      journalPath,
      pollMs: 5,
      signal: noRoom.signal,
      pauseRequested: () => true,
      onEvent: (event) => {
        if (event.type === 'wait' && event.status === ROOM)
          noRoom.abort(new Error(`waited for room before ${event.step} with 2 of 3 etcd units serving`));
      },
    });
    expect(first).toMatchObject({ paused: true, executed: ['snapshot/etcd/0'] });

    // Quorum lost (1 of 3 serves): the next step is started but nothing is sent while the engine polls.
    site.jujuSim.setFaults({ unitsLost: ['etcd/1', 'etcd/2'] });
    const mutations = site.jujuSim.stats().mutatingRequests;
    const statusReads = () => site.jujuSim.stats().byMethod['Client.FullStatus'] ?? 0;
    const events: ApplyEvent[] = [];
    let waiting: (() => void) | undefined;
    const waited = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    let finished = false;
    const run = applyUpgrade({
      plan,
      juju,
      journalPath,
      pollMs: 5,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'wait') waiting?.();
      },
    }).finally(() => {
      finished = true;
    });
    run.catch(() => undefined);
    await Promise.race([waited, run]);
    const next = plan.steps[1]?.id as string;
    expect(events.filter((e) => e.type === 'wait')).toEqual([{ type: 'wait', step: next, status: ROOM }]);
    // Twenty more live-status reads by the engine (a count of polls, not a time): still waiting.
    const reads = statusReads();
    while (!finished && statusReads() < reads + 20) await sleep(5);
    expect(finished).toBe(false);
    expect(site.jujuSim.stats().mutatingRequests).toBe(mutations);
    expect(events.filter((e) => e.type === 'request' || e.type === 'step-done')).toEqual([]);
    expect(events.filter((e) => e.type === 'step-start').map((e) => e.step)).toEqual([next]);

    site.jujuSim.clearFaults();
    const result = await run;
    expect(result.skipped).toEqual(['snapshot/etcd/0']);
    expect(result.executed).toEqual(plan.steps.slice(1).map((step) => step.id));
    await expectOn136(site);
  });
});
