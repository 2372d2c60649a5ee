// Refreshing Charmed Kubernetes 1.35 to 1.36 against juju-sim with the typed calls an upgrade makes:
// Charms.ResolveCharms/AddCharm for the target channel, Application.SetCharm with the charm origin,
// and actions by Action.EnqueueOperation with result polling (runAction/waitForAction).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from '@edgekit/common';
import { type JujuSim, startJujuSim } from '@edgekit/juju-sim';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allUnitsActiveIdle,
  connectFromJujuData,
  type FullStatus,
  type JujuClient,
  JujuNotFoundError,
  runAction,
} from '../src/index.js';
import { jujuFixture } from './support/fixtures.js';

// Slow enough that the upgrade-charm hook (30 s simulated) lasts 60 ms: a status read right after the
// refresh sees units still on the old charm even on a loaded machine.
const TIME_SCALE = 500;
const bundle = readFileSync(jujuFixture('bundles', 'charmed-kubernetes-1.35.bundle.yaml'), 'utf8');

let maas: MaasSim;
let juju: JujuSim;
let client: JujuClient;

beforeAll(async () => {
  maas = await startMaasSim({ timeScale: TIME_SCALE, seed: 11 });
  const jujuData = mkdtempSync(join(tmpdir(), 'jc-upgrade-'));
  juju = await startJujuSim({
    maas: { url: maas.url, apiKey: maas.apiKey },
    jujuVersion: '3.6.14',
    timeScale: TIME_SCALE,
    jujuDataDir: jujuData,
  });
  client = await connectFromJujuData({ env: { JUJU_DATA: jujuData }, model: 'default' });
  await client.deployBundle(bundle);
  const watcher = client.watchModel({ pollIntervalMs: 20 });
  await watcher.waitFor(allUnitsActiveIdle);
  await watcher.stop();
});
afterAll(async () => {
  await client?.close();
  await juju?.close();
  await maas?.close();
});

async function until(check: (status: FullStatus) => boolean): Promise<FullStatus> {
  for (;;) {
    const status = await client.client.fullStatus();
    if (check(status)) return status;
    await sleep(10);
  }
}

/** What `juju refresh <app> --channel <channel>` sends. */
async function refresh(application: string, channel: string): Promise<void> {
  const [track, risk] = channel.split('/');
  const [resolved] = await client.charms.resolveCharms([
    {
      reference: `ch:${application}`,
      'charm-origin': {
        source: 'charm-hub',
        type: 'charm',
        id: '',
        track,
        risk,
        base: { name: 'ubuntu', channel: '24.04' },
      },
    },
  ]);
  if (!resolved?.ok) throw resolved?.error ?? new Error('no resolution');
  const origin = await client.charms.addCharm({
    url: resolved.value.url,
    'charm-origin': resolved.value['charm-origin'],
  });
  await client.applications.setCharm({
    application,
    'charm-url': resolved.value.url,
    'charm-origin': origin,
  });
}

const units = (status: FullStatus, app: string) => Object.entries(status.applications[app]?.units ?? {});

describe('refresh to 1.36 on juju-sim', () => {
  it('etcd: the upgrade-charm hook runs on every unit, then the 1.36 workload is active', async () => {
    await refresh('etcd', '1.36/stable');
    const during = await client.client.fullStatus();
    expect(during.applications.etcd?.['charm-channel']).toBe('1.36/stable');
    expect(during.applications.etcd?.charm).toMatch(/etcd-801$/);
    // A unit whose hook has not run yet still runs the old charm: Juju shows it on the unit.
    expect(units(during, 'etcd').map(([, u]) => u.charm)).toContain('ch:amd64/noble/etcd-772');
    const after = await until((s) =>
      units(s, 'etcd').every(([, u]) => u['workload-status'].status === 'active'),
    );
    expect(units(after, 'etcd').map(([, u]) => [u['workload-version'], u.charm])).toEqual([
      ['3.5.21', ''],
      ['3.5.21', ''],
      ['3.5.21', ''],
    ]);
    expect(after.applications.etcd?.['workload-version']).toBe('3.5.21');
  });

  it('workers block until the upgrade action; pause/upgrade/resume take one unit out and back', async () => {
    await refresh('kubernetes-worker', '1.36/stable');
    const blocked = await until((s) =>
      units(s, 'kubernetes-worker').every(([, u]) => u['workload-status'].status === 'blocked'),
    );
    for (const [, unit] of units(blocked, 'kubernetes-worker')) {
      expect(unit['workload-status'].info).toBe('Needs manual upgrade, run the upgrade action');
      expect(unit['workload-version']).toBe('1.35.0'); // the snaps have not moved yet
    }
    const enqueued: string[] = [];
    const paused = await runAction(
      client.actions,
      { receiver: 'kubernetes-worker/0', name: 'pause' },
      { pollMs: 5 },
    );
    expect(paused.result.status).toBe('completed');
    const out = await client.client.fullStatus();
    expect(
      out.applications['kubernetes-worker']?.units?.['kubernetes-worker/0']?.['workload-status'],
    ).toMatchObject({
      status: 'waiting',
      info: 'Kubernetes unit paused',
    });
    await runAction(
      client.actions,
      { receiver: 'unit-kubernetes-worker-0', name: 'upgrade' },
      { pollMs: 5, onEnqueued: (id) => void enqueued.push(id) },
    );
    expect(enqueued).toHaveLength(1);
    await runAction(client.actions, { receiver: 'kubernetes-worker/0', name: 'resume' }, { pollMs: 5 });
    const back = await client.client.fullStatus();
    const unit0 = back.applications['kubernetes-worker']?.units?.['kubernetes-worker/0'];
    expect(unit0?.['workload-status'].status).toBe('active');
    expect(unit0?.['workload-version']).toBe('1.36.0');
    expect(
      back.applications['kubernetes-worker']?.units?.['kubernetes-worker/1']?.['workload-status'].status,
    ).toBe('blocked');
  });

  it('lists operations by unit and action name (Action.ListOperations), only the matching actions', async () => {
    const { operations, truncated } = await client.actions.listOperations({
      units: ['kubernetes-worker/0'],
      actions: ['pause', 'resume'],
    });
    expect(truncated).toBe(false);
    const names = operations.flatMap((op) =>
      op.ok ? (op.value.actions ?? []).map((a) => `${a.action?.receiver}:${a.action?.name}:${a.status}`) : [],
    );
    expect(names).toEqual([
      'unit-kubernetes-worker-0:pause:completed',
      'unit-kubernetes-worker-0:resume:completed',
    ]);
    const firstPage = await client.actions.listOperations({ units: ['kubernetes-worker/0'], limit: 1 });
    expect(firstPage.operations).toHaveLength(1);
    expect(firstPage.truncated).toBe(true);
    const none = await client.actions.listOperations({ units: ['kubernetes-worker/1'] });
    expect(none.operations).toEqual([]);
  });

  it('refuses a charm that was not added, and an action the charm does not define', async () => {
    await expect(
      client.applications.setCharm({
        application: 'easyrsa',
        'charm-url': 'ch:amd64/noble/easyrsa-9999',
        'charm-origin': { source: 'charm-hub', type: 'charm', id: '' },
      }),
    ).rejects.toBeInstanceOf(JujuNotFoundError);
    await expect(
      runAction(client.actions, { receiver: 'easyrsa/0', name: 'upgrade' }, { pollMs: 5 }),
    ).rejects.toThrow(/not defined/);
  });
});
