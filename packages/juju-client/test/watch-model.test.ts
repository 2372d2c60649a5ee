import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  allUnitsActiveIdle,
  type Delta,
  JujuAbortError,
  type JujuClient,
  JujuConnectionClosedError,
  JujuTimeoutError,
  type ModelWatcher,
} from '../src/index.js';
import { caught } from './support/caught.js';
import { connectClient, type FakeController, startFakeController } from './support/fake-controller.js';
import type { ServerConnection } from './support/loopback-server.js';

const servers: FakeController[] = [];
const clients: JujuClient[] = [];
const watchers: ModelWatcher[] = [];
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const st = (current: string, message = '') => ({
  current,
  message,
  version: '',
  since: '2026-01-01T00:00:00Z',
});
const unit = (name: string, workload: string, agent: string) => [
  'unit',
  'change',
  {
    'model-uuid': 'm',
    name,
    application: name.split('/')[0],
    'machine-id': '0',
    ports: null,
    'workload-status': st(workload),
    'agent-status': st(agent),
  },
];

/** An AllWatcher: each connection's first Next gets `snapshot()`; later Nexts wait for `push`. */
function allWatcher(snapshot: () => unknown[]) {
  const waiting: Array<(deltas: unknown[]) => void> = [];
  let watchers = 0;
  const firstDone = new WeakSet<ServerConnection>();
  return {
    handlers: {
      'Client.WatchAll': () => ({ response: { 'watcher-id': String(++watchers) } }),
      'AllWatcher.Next': (_f: unknown, conn: ServerConnection) => {
        if (!firstDone.has(conn)) {
          firstDone.add(conn);
          return { response: { deltas: snapshot() } };
        }
        return new Promise<{ response: unknown }>((resolve) =>
          waiting.push((deltas) => resolve({ response: { deltas } })),
        );
      },
      'AllWatcher.Stop': () => ({ response: {} }),
    },
    push(deltas: unknown[]) {
      for (const send of waiting.splice(0)) send(deltas);
    },
    created: () => watchers,
  };
}

async function connect(server: FakeController, reconnect: boolean) {
  const client = await connectClient(server, {
    modelUUID: server.modelUUID,
    reconnect: reconnect ? { delayMs: 5, attempts: 20 } : false,
  });
  clients.push(client);
  return client;
}

describe('watchModel', () => {
  it('streams typed AllWatcher deltas on 3.x and waits for all units active/idle', async () => {
    const watcher3 = allWatcher(() => [
      unit('etcd/0', 'maintenance', 'executing'),
      ['application', 'change', { name: 'etcd', status: st('maintenance'), constraints: null }],
      ['branch', 'change', { whatever: true }],
    ]);
    const server = await startFakeController({ handlers: watcher3.handlers });
    servers.push(server);
    const client = await connect(server, false);
    const watcher = client.watchModel();
    watchers.push(watcher);
    expect(watcher.mode).toBe('allwatcher');
    const iterator = watcher[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as Delta[];
    expect(first.map((d) => `${d.kind}:${d.removed}`)).toEqual(['application:false', 'unit:false']);
    expect(watcher.state.units.get('etcd/0')?.['workload-status'].current).toBe('maintenance');
    expect(watcher.state.applications.get('etcd')?.constraints).toEqual({});

    const settled = watcher.waitFor(allUnitsActiveIdle);
    await expect.poll(() => server.frames.filter((f) => f.request === 'Next').length).toBe(2);
    watcher3.push([unit('etcd/0', 'active', 'idle')]);
    const state = await settled;
    expect(state.units.get('etcd/0')?.['agent-status'].current).toBe('idle');
    expect((await iterator.next()).value).toHaveLength(1);

    const nexts = server.frames.filter((f) => f.type === 'AllWatcher');
    expect(nexts[0]).toEqual({
      'request-id': nexts[0]?.['request-id'],
      type: 'AllWatcher',
      version: 3,
      id: '1',
      request: 'Next',
      params: {},
    });
  });

  it('keeps watching after a for-await loop is left, so waitFor still resolves (the README pattern)', async () => {
    const watcher3 = allWatcher(() => [unit('etcd/0', 'maintenance', 'executing')]);
    const server = await startFakeController({ handlers: watcher3.handlers });
    servers.push(server);
    const client = await connect(server, false);
    const watcher = client.watchModel();
    watchers.push(watcher);
    for await (const deltas of watcher) {
      expect(deltas.map((d) => d.kind)).toEqual(['unit']);
      break;
    }
    const settled = watcher.waitFor(allUnitsActiveIdle, { timeoutMs: 30_000 });
    await expect.poll(() => server.frames.filter((f) => f.request === 'Next').length).toBe(2);
    watcher3.push([unit('etcd/0', 'active', 'idle')]);
    expect((await settled).units.get('etcd/0')?.['workload-status'].current).toBe('active');
    await watcher.stop();
    // After stop() a wait can never succeed: it fails at once instead of waiting out its timeout.
    await expect(watcher.waitFor(() => false, { timeoutMs: 30_000 })).rejects.toThrow(/stopped/);
  });

  it('waitFor times out and aborts with typed errors', async () => {
    const watcher3 = allWatcher(() => [unit('etcd/0', 'maintenance', 'executing')]);
    const server = await startFakeController({ handlers: watcher3.handlers });
    servers.push(server);
    const client = await connect(server, false);
    const watcher = client.watchModel();
    watchers.push(watcher);
    await watcher.waitFor((s) => s.units.size === 1);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const timedOut = caught(watcher.waitFor(allUnitsActiveIdle, { timeoutMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(60_000);
    vi.useRealTimers();
    expect(await timedOut).toBeInstanceOf(JujuTimeoutError);
    const controller = new AbortController();
    const aborted = caught(watcher.waitFor(allUnitsActiveIdle, { signal: controller.signal }));
    controller.abort();
    expect(await aborted).toBeInstanceOf(JujuAbortError);
  });

  it('polls FullStatus on 4.x, where there is no AllWatcher, producing the same deltas', async () => {
    let workload = 'waiting';
    const ds = (status: string) => ({
      status,
      info: '',
      since: '2026-01-01T00:00:00Z',
      data: {},
      kind: '',
      version: '',
      life: '',
    });
    const server = await startFakeController({
      juju: '4.0',
      handlers: {
        'Client.FullStatus': () => ({
          response: {
            model: { name: 'edge', 'model-status': ds('available') },
            machines: {
              '0': {
                id: '0',
                'agent-status': ds('started'),
                'instance-status': ds('running'),
                containers: null,
              },
            },
            applications: {
              etcd: {
                charm: 'ch:amd64/etcd-7',
                status: ds(workload),
                units: {
                  'etcd/0': {
                    machine: '0',
                    'workload-status': ds(workload),
                    'agent-status': ds('idle'),
                    subordinates: null,
                  },
                },
              },
            },
            'remote-applications': {},
            offers: {},
            relations: null,
            'controller-timestamp': '2026-01-01T00:00:00Z',
            branches: {},
          },
        }),
      },
    });
    servers.push(server);
    const client = await connect(server, false);
    const watcher = client.watchModel({ pollIntervalMs: 5 });
    watchers.push(watcher);
    expect(watcher.mode).toBe('poll');
    await watcher.waitFor((s) => s.units.get('etcd/0')?.['workload-status'].current === 'waiting');
    expect(watcher.state.machines.get('0')?.['agent-status'].current).toBe('started');
    workload = 'active';
    const state = await watcher.waitFor(allUnitsActiveIdle);
    expect(state.units.get('etcd/0')?.['machine-id']).toBe('0');
    expect(server.frames.some((f) => f.type === 'AllWatcher' || f.request === 'WatchAll')).toBe(false);
  });

  it('reconnects after socket loss, re-creates the watcher, and never replays a mutation', async () => {
    let units = [unit('etcd/0', 'active', 'executing'), unit('etcd/1', 'active', 'idle')];
    const watcher3 = allWatcher(() => units);
    const server = await startFakeController({
      handlers: { ...watcher3.handlers, 'Application.Deploy': () => undefined },
    });
    servers.push(server);
    const client = await connect(server, true);
    const watcher = client.watchModel();
    watchers.push(watcher);
    await watcher.waitFor((s) => s.units.size === 2);
    const reconnected = new Promise((resolve) => client.once('reconnected', resolve));

    const deploy = caught<JujuConnectionClosedError>(
      client.applications.deploy([{ application: 'x', 'charm-url': 'ch:x' }]),
    );
    await expect.poll(() => server.frames.some((f) => f.request === 'Deploy')).toBe(true);
    // While we are away, etcd/1 goes and etcd/0 settles.
    units = [unit('etcd/0', 'active', 'idle')];
    server.connections[0]?.socket.terminate();

    const error = await deploy;
    expect(error).toBeInstanceOf(JujuConnectionClosedError);
    expect(error.maybeApplied).toBe(true);
    await reconnected;
    const state = await watcher.waitFor((s) => s.units.size === 1 && allUnitsActiveIdle(s));
    expect([...state.units.keys()]).toEqual(['etcd/0']);
    expect(watcher3.created()).toBe(2);
    expect(server.accepted()).toBe(2);
    expect(server.frames.filter((f) => f.request === 'Login')).toHaveLength(2);
    expect(server.frames.filter((f) => f.request === 'Deploy')).toHaveLength(1);
  });
});
