import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type MaasClient, type MaasEvent, MaasWaitError, NodeStatus } from '../src/index.js';
import { type Loopback, loopbackClient, startLoopback } from './support/loopback.js';
import { machine } from './support/objects.js';

let server: Loopback;
let client: MaasClient;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  server = await startLoopback();
  client = loopbackClient(server);
});
afterEach(async () => {
  vi.useRealTimers();
  await server.close();
});

/** Advances fake time in steps until `done` settles, letting real socket I/O run in between. */
async function drive<T>(done: Promise<T>, stepMs: number): Promise<T> {
  let settled = false;
  const result = done.finally(() => {
    settled = true;
  });
  while (!settled) {
    await vi.advanceTimersByTimeAsync(stepMs);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}

describe('machines.waitForStatus', () => {
  it('polls with backoff until the target status and reports progress', async () => {
    const statuses = [NodeStatus.DEPLOYING, NodeStatus.DEPLOYING, NodeStatus.DEPLOYING, NodeStatus.DEPLOYED];
    const labels = { 9: 'Deploying', 6: 'Deployed' } as Record<number, string>;
    server.fallback = () => {
      const status = statuses.shift() ?? NodeStatus.DEPLOYED;
      return { body: machine('abc', { status, status_name: labels[status] }) };
    };
    const seen: string[] = [];
    const done = client.machines.waitForStatus('abc', 'deployed', {
      intervalMs: 1000,
      onProgress: (m) => seen.push(m.status_name),
    });
    const final = await drive(done, 250);
    expect(final.status).toBe(NodeStatus.DEPLOYED);
    expect(seen).toEqual(['Deploying', 'Deploying', 'Deploying', 'Deployed']);
    expect(server.requests.every((r) => r.url === '/MAAS/api/2.0/machines/abc/')).toBe(true);
  });

  it('fails fast on a failed state that is not a target', async () => {
    server.fallback = () => ({
      body: machine('abc', { status: 11, status_name: 'Failed deployment', status_message: 'curtin failed' }),
    });
    const error = await drive(
      client.machines.waitForStatus('abc', [NodeStatus.DEPLOYED]).catch((e: unknown) => e),
      1000,
    );
    expect(error).toBeInstanceOf(MaasWaitError);
    expect((error as MaasWaitError).message).toContain('Failed deployment (curtin failed)');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up at the timeout with the last status seen', async () => {
    server.fallback = () => ({ body: machine('abc', { status: 9, status_name: 'Deploying' }) });
    const error = await drive(
      client.machines
        .waitForStatus('abc', 'DEPLOYED', { timeout: 10_000, intervalMs: 2000 })
        .catch((e: unknown) => e),
      500,
    );
    expect(error).toBeInstanceOf(MaasWaitError);
    expect((error as MaasWaitError).lastSeen).toBe('Deploying');
    // Backoff 2 s, 3 s, 4.5 s (then the remainder): a handful of reads in ten seconds, not one per step.
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
    expect(server.requests.length).toBeLessThanOrEqual(5);
  });
});

describe('vmHosts.waitUntilReady', () => {
  it('waits until commissioning has filled in the totals', async () => {
    const host = (cores: number, memory: number) => ({
      id: 4,
      name: 'kvm-a1',
      type: 'lxd',
      architectures: ['amd64/generic'],
      capabilities: ['composable', 'over_commit', 'storage_pools'],
      tags: [],
      zone: { id: 1, name: 'edge-a', description: '', resource_uri: '/z/' },
      pool: { id: 0, name: 'default', description: '', resource_uri: '/p/' },
      host: { system_id: 'h0st01', __incomplete__: true },
      cpu_over_commit_ratio: 1,
      memory_over_commit_ratio: 1,
      storage_pools: [],
      total: { cores, memory, local_storage: 0 },
      used: { cores: 0, memory: 0, local_storage: 0 },
      available: { cores, memory, local_storage: 0 },
      resource_uri: '/MAAS/api/2.0/vm-hosts/4/',
    });
    server.queue = [() => ({ body: host(0, 0) }), () => ({ body: host(0, 0) })];
    server.fallback = () => ({ body: host(16, 65536) });
    const ready = await drive(client.vmHosts.waitUntilReady(4, { intervalMs: 1000 }), 500);
    expect(ready.total).toMatchObject({ cores: 16, memory: 65536 });
    expect(server.requests).toHaveLength(3);
  });
});

const event = (id: number): MaasEvent => ({
  id,
  node: 'abc',
  hostname: 'host-abc',
  username: 'admin',
  level: 'INFO',
  created: 'Fri, 07 Dec. 2018 20:11:08',
  type: 'Deploying',
  description: `event ${id}`,
});

describe('events', () => {
  it('iterates pages from newest to oldest using before=', async () => {
    const page = (ids: number[]) => ({
      count: ids.length,
      events: ids.map(event),
      next_uri: '/n',
      prev_uri: null,
    });
    server.queue = [
      () => ({ body: page([30, 29, 28]) }),
      () => ({ body: page([27, 26]) }),
      () => ({ body: page([]) }),
    ];
    const ids: number[] = [];
    for await (const e of client.events.iterate({ limit: 3, level: 'WARNING', id: ['abc', 'def'] }))
      ids.push(e.id);
    expect(ids).toEqual([30, 29, 28, 27, 26]);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/MAAS/api/2.0/events/?op=query&limit=3&level=WARNING&id=abc&id=def',
      '/MAAS/api/2.0/events/?op=query&limit=3&level=WARNING&id=abc&id=def&before=28',
      '/MAAS/api/2.0/events/?op=query&limit=3&level=WARNING&id=abc&id=def&before=26',
    ]);
  });

  it('follows new events oldest-first with after= until aborted', async () => {
    const page = (ids: number[]) => ({
      count: ids.length,
      events: ids.map(event),
      next_uri: '/n',
      prev_uri: '/p',
    });
    server.queue = [
      () => ({ body: page([10]) }), // newest now: start after it
      () => ({ body: page([]) }),
      () => ({ body: page([12, 11]) }), // MAAS returns newest first
      () => ({ body: page([13]) }),
    ];
    server.fallback = () => ({ body: page([]) });
    const controller = new AbortController();
    const seen: number[] = [];
    const run = (async () => {
      for await (const e of client.events.follow(
        { level: 'INFO' },
        { intervalMs: 1000, signal: controller.signal },
      )) {
        seen.push(e.id);
        if (e.id === 13) controller.abort();
      }
    })();
    await drive(run, 500);
    expect(seen).toEqual([11, 12, 13]);
    expect(server.requests[0]!.url).toBe('/MAAS/api/2.0/events/?op=query&level=INFO&limit=1');
    expect(server.requests[1]!.url).toBe('/MAAS/api/2.0/events/?op=query&level=INFO&limit=100&after=10');
    expect(server.requests[3]!.url).toBe('/MAAS/api/2.0/events/?op=query&level=INFO&limit=100&after=12');
  });
});
