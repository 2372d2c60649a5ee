import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MaasAbortError,
  MaasClient,
  type MaasClientOptions,
  MaasConflictError,
  MaasConnectionError,
  MaasServiceUnavailableError,
  MaasTimeoutError,
  type RetryEvent,
} from '../src/index.js';
import { API_KEY, type Loopback, parseOAuthHeader, startLoopback } from './support/loopback.js';

const whoami = {
  username: 'admin',
  email: null,
  is_superuser: true,
  resource_uri: '/MAAS/api/2.0/users/admin/',
};
const composed = { system_id: 'new123', resource_uri: '/MAAS/api/2.0/machines/new123/' };

let server: Loopback;
let retries: RetryEvent[];
let nextRetry: Promise<RetryEvent>;
let resolveRetry: (event: RetryEvent) => void;

function armRetry() {
  nextRetry = new Promise((resolve) => {
    resolveRetry = resolve;
  });
}

function makeClient(extra: Partial<MaasClientOptions> = {}) {
  return new MaasClient({
    url: server.url,
    apiKey: API_KEY,
    onRetry: (event) => {
      retries.push(event);
      const resolve = resolveRetry;
      armRetry();
      resolve(event);
    },
    ...extra,
  });
}

beforeEach(async () => {
  // Only timers are faked: the loopback server's sockets run on real I/O.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  server = await startLoopback();
  retries = [];
  armRetry();
});
afterEach(async () => {
  vi.useRealTimers();
  await server.close();
});

describe('retry policy', () => {
  it('honours Retry-After on a 503 read, with a fresh nonce and timestamp on the retry', async () => {
    server.queue = [
      () => ({ status: 503, headers: { 'retry-after': '5' }, body: 'No rack controllers connected.' }),
    ];
    server.fallback = () => ({ body: whoami });
    const pending = makeClient().users.whoami();
    const event = await nextRetry;
    expect(event).toMatchObject({
      method: 'GET',
      attempt: 1,
      delayMs: 5000,
      path: '/MAAS/api/2.0/users/?op=whoami',
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ username: 'admin' });
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests.map((r) => parseOAuthHeader(r.headers.authorization));
    expect(first!.oauth_nonce).not.toBe(second!.oauth_nonce);
    expect(first!.oauth_signature).toBe(second!.oauth_signature);
  });

  it('retries a POST (compose) on 409 with Retry-After: MAAS rolled the transaction back', async () => {
    server.queue = [() => ({ status: 409, headers: { 'retry-after': '5' }, body: 'serialization failure' })];
    server.fallback = () => ({ body: composed });
    const pending = makeClient().vmHosts.compose(1, { cores: 2, memory: 4096 });
    expect((await nextRetry).delayMs).toBe(5000);
    await vi.advanceTimersByTimeAsync(5000);
    await expect(pending).resolves.toEqual(composed);
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  it.each(['-1', '1.5', 'soon', '+5'])(
    'treats an unparseable or negative Retry-After (%s) as absent: allocate (a POST) is sent once',
    async (value) => {
      server.fallback = () => ({ status: 409, headers: { 'retry-after': value }, body: 'busy' });
      const error = await makeClient()
        .machines.allocate({ zone: 'edge-z' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MaasConflictError);
      expect((error as MaasConflictError).retryAfterSeconds).toBeUndefined();
      expect(server.requests).toHaveLength(1);
      expect(retries).toEqual([]);
    },
  );

  it('never retries a 409 without Retry-After (a real state conflict)', async () => {
    server.fallback = () => ({ status: 409, body: 'No available machine matches constraints: zone=edge-z' });
    const error = await makeClient()
      .machines.allocate({ zone: 'edge-z' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasConflictError);
    expect((error as MaasConflictError).retryAfterSeconds).toBeUndefined();
    expect((error as MaasConflictError).message).toContain('No available machine matches constraints');
    expect(server.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it.each([
    ['deploy', (c: MaasClient) => c.machines.deploy('abc')],
    ['power_on', (c: MaasClient) => c.machines.powerOn('abc')],
    ['power_off', (c: MaasClient) => c.machines.powerOff('abc')],
    ['commission', (c: MaasClient) => c.machines.commission('abc')],
    ['release', (c: MaasClient) => c.machines.release('abc')],
    ['allocate', (c: MaasClient) => c.machines.allocate()],
    ['compose', (c: MaasClient) => c.vmHosts.compose(1)],
  ])('never retries %s on a 503 without Retry-After or a 502/504', async (_name, call) => {
    server.queue = [() => ({ status: 503, body: 'Unable to compose KVM instance' })];
    await expect(call(makeClient())).rejects.toBeInstanceOf(MaasServiceUnavailableError);
    server.queue = [() => ({ status: 504, body: 'timeout' })];
    await expect(call(makeClient())).rejects.toMatchObject({ status: 504 });
    expect(server.requests).toHaveLength(2);
    expect(retries).toEqual([]);
  });

  it('retries idempotent reads on 502/503/504 with exponential backoff, then gives up', async () => {
    server.fallback = () => ({ status: 502, body: 'Bad Gateway' });
    const pending = makeClient({ retry: { retries: 2 } })
      .users.whoami()
      .catch((e: unknown) => e);
    const first = await nextRetry;
    expect(first.delayMs).toBeGreaterThanOrEqual(500);
    expect(first.delayMs).toBeLessThanOrEqual(625);
    await vi.advanceTimersByTimeAsync(first.delayMs);
    const second = await nextRetry;
    expect(second.attempt).toBe(2);
    expect(second.delayMs).toBeGreaterThanOrEqual(1000);
    expect(second.delayMs).toBeLessThanOrEqual(1250);
    await vi.advanceTimersByTimeAsync(second.delayMs);
    const error = await pending;
    expect(error).toMatchObject({ name: 'MaasServerError', status: 502 });
    expect(server.requests).toHaveLength(3);
  });

  it('does not wait for a Retry-After above the cap; the error carries it instead', async () => {
    server.fallback = () => ({ status: 503, headers: { 'retry-after': '600' }, body: 'busy' });
    const error = await makeClient()
      .users.whoami()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasServiceUnavailableError);
    expect((error as MaasServiceUnavailableError).retryAfterSeconds).toBe(600);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a read after a dropped connection but surfaces it for a compose', async () => {
    server.queue = [() => ({ destroy: true })];
    server.fallback = () => ({ body: whoami });
    const read = makeClient().users.whoami();
    const event = await nextRetry;
    expect(event.reason).toBe('network');
    await vi.advanceTimersByTimeAsync(event.delayMs);
    await expect(read).resolves.toMatchObject({ username: 'admin' });

    server.queue = [() => ({ destroy: true })];
    const error = await makeClient()
      .vmHosts.compose(1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasConnectionError);
    expect((error as MaasConnectionError).code).toBe('ECONNRESET');
    expect(server.requests).toHaveLength(3);
  });

  it('times out an attempt that gets no answer', async () => {
    let release!: () => void;
    server.fallback = () =>
      new Promise((resolve) => {
        release = () => resolve({ body: whoami });
      });
    const pending = makeClient({ timeout: 2000, retry: false })
      .users.whoami()
      .catch((e: unknown) => e);
    await server.waitForRequests(1);
    await vi.advanceTimersByTimeAsync(2000);
    const error = await pending;
    expect(error).toBeInstanceOf(MaasTimeoutError);
    expect((error as MaasTimeoutError).timeoutMs).toBe(2000);
    release();
  });

  it('stops waiting between retries when the caller aborts', async () => {
    server.fallback = () => ({ status: 409, headers: { 'retry-after': '5' }, body: 'conflict' });
    const controller = new AbortController();
    const pending = makeClient()
      .machines.deploy('abc', {}, { signal: controller.signal })
      .catch((e: unknown) => e);
    await nextRetry;
    controller.abort();
    expect(await pending).toBeInstanceOf(MaasAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('stops every call of a client made with withOptions({ signal }) when that signal aborts', async () => {
    server.fallback = () => ({ status: 409, headers: { 'retry-after': '5' }, body: 'conflict' });
    const controller = new AbortController();
    const scoped = makeClient().withOptions({ signal: controller.signal });
    const pending = scoped.machines.deploy('abc', {}).catch((e: unknown) => e);
    await nextRetry;
    controller.abort();
    expect(await pending).toBeInstanceOf(MaasAbortError);
    expect(server.requests).toHaveLength(1);
    // The call's own signal still works alongside a client signal that has not fired.
    const live = makeClient().withOptions({ signal: new AbortController().signal });
    const own = new AbortController();
    own.abort();
    expect(await live.machines.read('abc', { signal: own.signal }).catch((e: unknown) => e)).toBeInstanceOf(
      MaasAbortError,
    );
  });
});
