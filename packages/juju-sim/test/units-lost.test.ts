import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deployBundle } from './support/deploy-bundle.js';
import { type Env, startEnv, waitForStatus } from './support/env.js';
import type { Wire } from './support/wire.js';

const BUNDLE =
  'applications:\n  easyrsa: {charm: easyrsa, channel: 1.35/stable, num_units: 1}\n  etcd: {charm: etcd, channel: 1.35/stable, num_units: 3}\nrelations:\n- [etcd, easyrsa]\n';

const etcdUnit = (status: Wire, name: string): Wire => status.applications.etcd.units[name];
const workload = (status: Wire, name: string): string => etcdUnit(status, name)['workload-status'].status;

/**
 * The `unitsLost` fault: named unit agents stop talking to the controller, as when their machine goes
 * down; FullStatus and the AllWatcher say so with Juju's values until the fault is cleared.
 */
describe('unitsLost fault', () => {
  let env: Env;
  beforeAll(async () => {
    // Named at start, before etcd/2 exists: it is lost once installed (Juju never shows an installing unit lost).
    env = await startEnv({ faults: { unitsLost: ['etcd/2'] } });
    await deployBundle(env.client, env.model.uuid, BUNDLE);
    await waitForStatus(
      env.client,
      (s) =>
        workload(s, 'etcd/0') === 'active' &&
        workload(s, 'etcd/1') === 'active' &&
        etcdUnit(s, 'etcd/2')?.['agent-status'].status === 'lost',
    );
  });
  afterAll(() => env.close());
  // One env for the whole file: a failing test must not leave its faults to the next.
  afterEach(() => env.sim.clearFaults());

  it('reports named units lost in FullStatus and the AllWatcher until cleared, then back in service', async () => {
    const { 'watcher-id': watcher } = await env.client.ok('Client', 8, 'WatchAll');
    await env.client.ok('AllWatcher', 3, 'Next', {}, watcher);

    env.sim.setFaults({ unitsLost: ['etcd/1', 'etcd/2'] });
    const lost = await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    for (const name of ['etcd/1', 'etcd/2']) {
      expect(etcdUnit(lost, name)['agent-status']).toMatchObject({
        status: 'lost',
        info: 'agent is not communicating with the server',
      });
      expect(etcdUnit(lost, name)['workload-status']).toMatchObject({
        status: 'unknown',
        info: `agent lost, see 'juju show-status-log ${name}'`,
      });
      // Only the unit agent: its machine is not reported down.
      expect(lost.machines[etcdUnit(lost, name).machine]['agent-status'].status).toBe('started');
    }
    expect(workload(lost, 'etcd/0')).toBe('active');

    // The AllWatcher sends the same: a unit delta for etcd/1 with agent-status lost.
    let delta: Wire | undefined;
    for (let i = 0; i < 20 && delta === undefined; i++) {
      const { deltas } = await env.client.ok('AllWatcher', 3, 'Next', {}, watcher);
      delta = (deltas as [string, string, Wire][]).find(
        ([kind, op, entity]) => kind === 'unit' && op === 'change' && entity.name === 'etcd/1',
      )?.[2];
    }
    expect(delta?.['agent-status']).toMatchObject({
      current: 'lost',
      message: 'agent is not communicating with the server',
    });
    expect(delta?.['workload-status']).toMatchObject({
      current: 'unknown',
      message: "agent lost, see 'juju show-status-log etcd/1'",
    });
    await env.client.call('AllWatcher', 3, 'Stop', {}, watcher);

    // setFaults merges: another fault set leaves the units lost.
    env.sim.setFaults({ replyDelayMs: 0 });
    const still = await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    expect(etcdUnit(still, 'etcd/1')['agent-status'].status).toBe('lost');

    env.sim.clearFaults();
    const back = await waitForStatus(env.client, (s) =>
      ['etcd/0', 'etcd/1', 'etcd/2'].every((name) => workload(s, name) === 'active'),
    );
    for (const name of ['etcd/1', 'etcd/2'])
      expect(etcdUnit(back, name)['agent-status'].status, name).toBe('idle');
  });

  it('a lost unit runs a refresh and its queued action only once it is back', async () => {
    env.sim.setFaults({ unitsLost: ['etcd/1'] });
    const queued = await env.client.ok('Action', 7, 'EnqueueOperation', {
      actions: [{ receiver: 'unit-etcd-1', name: 'snapshot', parameters: {} }],
    });
    const operation = async () =>
      (
        await env.client.ok('Action', 7, 'Operations', {
          entities: [{ tag: `operation-${queued.operation}` }],
        })
      ).results[0];
    const origin = { source: 'charm-hub', type: 'charm', track: '1.36', risk: 'stable' };
    const resolved = await env.client.ok('Charms', 7, 'ResolveCharms', {
      resolve: [{ reference: 'ch:etcd', 'charm-origin': origin }],
    });
    const { url, 'charm-origin': resolvedOrigin } = resolved.Results[0];
    await env.client.ok('Charms', 7, 'AddCharm', { url, 'charm-origin': resolvedOrigin, force: false });
    await env.client.ok('Application', 22, 'SetCharm', {
      application: 'etcd',
      'charm-url': url,
      'charm-origin': resolvedOrigin,
      channel: '1.36/stable',
    });

    // The others run upgrade-charm and serve on the new charm; the lost unit is still on the old one.
    const refreshed = await waitForStatus(env.client, (s) =>
      ['etcd/0', 'etcd/2'].every((name) => workload(s, name) === 'active' && etcdUnit(s, name).charm === ''),
    );
    expect(etcdUnit(refreshed, 'etcd/1')['agent-status'].status).toBe('lost');
    expect(etcdUnit(refreshed, 'etcd/1').charm).not.toBe('');
    expect(etcdUnit(refreshed, 'etcd/1').charm).not.toBe(url);
    // Its action was queued before those hooks ran, and is still pending.
    expect((await operation()).status).toBe('pending');

    env.sim.clearFaults();
    await waitForStatus(
      env.client,
      (s) => workload(s, 'etcd/1') === 'active' && etcdUnit(s, 'etcd/1').charm === '',
    );
    const { 'watcher-id': watcher } = await env.client.ok('Client', 8, 'WatchAll');
    while ((await operation()).status !== 'completed')
      await env.client.ok('AllWatcher', 3, 'Next', {}, watcher);
    await env.client.call('AllWatcher', 3, 'Stop', {}, watcher);
  });

  it('keeps a failed hook through the loss, as Juju does, and the unit is still in error once back', async () => {
    env.sim.setFaults({ unitErrors: ['etcd/3'] });
    const added = await env.client.ok('Application', 22, 'AddUnits', { application: 'etcd', 'num-units': 1 });
    expect(added.units).toEqual(['etcd/3']);
    await waitForStatus(env.client, (s) => workload(s, 'etcd/3') === 'error');
    env.sim.setFaults({ unitsLost: ['etcd/3'] });
    const lost = await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    expect(etcdUnit(lost, 'etcd/3')['agent-status'].status).toBe('lost');
    expect(etcdUnit(lost, 'etcd/3')['workload-status']).toMatchObject({
      status: 'error',
      info: 'hook failed: "install"',
    });
    env.sim.clearFaults();
    const back = await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    expect(etcdUnit(back, 'etcd/3')['agent-status']).toMatchObject({
      status: 'error',
      info: 'hook failed: "install"',
    });
  });

  it('keeps a unit the fault lost dying on DestroyUnit, as Juju does, until it is forced', async () => {
    env.sim.setFaults({ unitsLost: ['etcd/2'] });
    // etcd/0 is destroyed in the same call, after etcd/2: its stop hook ends after etcd/2's would have.
    await env.client.ok('Application', 22, 'DestroyUnit', {
      units: [{ 'unit-tag': 'unit-etcd-2' }, { 'unit-tag': 'unit-etcd-0' }],
    });
    const gone = await waitForStatus(env.client, (s) => etcdUnit(s, 'etcd/0') === undefined);
    expect(etcdUnit(gone, 'etcd/2')?.['agent-status']).toMatchObject({
      status: 'lost',
      info: 'agent is not communicating with the server',
    });
    // FullStatus has no unit life: the AllWatcher's first batch (every entity) does.
    const { 'watcher-id': watcher } = await env.client.ok('Client', 8, 'WatchAll');
    const { deltas } = await env.client.ok('AllWatcher', 3, 'Next', {}, watcher);
    await env.client.call('AllWatcher', 3, 'Stop', {}, watcher);
    const unit = (deltas as [string, string, Wire][]).find(
      ([kind, , entity]) => kind === 'unit' && entity.name === 'etcd/2',
    )?.[2];
    expect(unit?.life).toBe('dying');

    // Forced (max-wait in nanoseconds on the wire): removed without its agent.
    await env.client.ok('Application', 22, 'DestroyUnit', {
      units: [{ 'unit-tag': 'unit-etcd-2', force: true, 'max-wait': 1_000_000_000 }],
    });
    await waitForStatus(env.client, (s) => etcdUnit(s, 'etcd/2') === undefined);
  });

  it('rejects a name that is not a unit', () => {
    expect(() => env.sim.setFaults({ unitsLost: ['etcd'] })).toThrow(
      'faults.unitsLost must list unit names such as etcd/1, got "etcd"',
    );
  });
});
