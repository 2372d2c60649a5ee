import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JujuUnauthorizedError, REDACTED, redact } from '../src/index.js';
import { RpcTransport } from '../src/internal.js';
import { caught } from './support/caught.js';
import { connectClient, type FakeController, startFakeController } from './support/fake-controller.js';
import { openSocket } from './support/loopback-server.js';

const servers: FakeController[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('secrets never leak', () => {
  it('redacts a password the controller echoes back in an error', async () => {
    const server = await startFakeController({
      login: (frame) => ({
        error: `bad credentials ${String(frame.params.credentials)} for user-admin`,
        'error-code': 'unauthorized access',
      }),
    });
    servers.push(server);
    const error = await caught<JujuUnauthorizedError>(connectClient(server, { password: 's3cret-P4ss' }));
    expect(error).toBeInstanceOf(JujuUnauthorizedError);
    expect(error.message).toContain(REDACTED);
    expect(`${error.message}\n${error.stack}\n${inspect(error)}`).not.toContain('s3cret-P4ss');
  });

  it('scrubs a password the controller quotes after login, in frame errors and bulk item errors', async () => {
    const password = 'after-L0gin-S3cret';
    const server = await startFakeController({
      password,
      handlers: {
        'Client.FullStatus': () => ({
          error: `permission denied for credentials ${password}`,
          'error-code': 'unauthorized access',
          'error-info': { echoed: password },
        }),
        'MachineManager.AddMachines': () => ({
          response: {
            machines: [
              { error: { message: `quota for ${password} exceeded`, code: 'quota limit exceeded' } },
            ],
          },
        }),
      },
    });
    servers.push(server);
    const client = await connectClient(server);
    try {
      const status = await caught<JujuUnauthorizedError>(client.client.fullStatus());
      expect(status).toBeInstanceOf(JujuUnauthorizedError);
      expect(status.message).toContain(REDACTED);
      const [item] = await client.machineManager.addMachines([{}]);
      expect(item?.ok).toBe(false);
      const text = `${status.message}\n${status.stack}\n${inspect(status)}\n${inspect(item)}`;
      expect(text).not.toContain(password);
    } finally {
      await client.close();
    }
  });

  it('redacts credentials in the debug frame stream', async () => {
    const server = await startFakeController();
    servers.push(server);
    const transport = new RpcTransport(await openSocket(server.url));
    const seen: unknown[] = [];
    transport.on('frame', (f) => seen.push(f));
    await transport.call({
      type: 'Admin',
      version: 3,
      request: 'Login',
      params: { 'auth-tag': 'user-admin', credentials: server.password },
    });
    expect(JSON.stringify(seen)).not.toContain(server.password);
    expect(seen[0]).toMatchObject({ direction: 'out', frame: { params: { credentials: REDACTED } } });
    await transport.close();
  });

  it('redact() covers every secret-bearing key, deeply', () => {
    expect(
      redact({
        a: [{ password: 'x', token: 'y', macaroons: [[{}]] }],
        credentials: '',
        'client-secret': 'z',
      }),
    ).toEqual({
      a: [{ password: REDACTED, token: REDACTED, macaroons: REDACTED }],
      credentials: '',
      'client-secret': REDACTED,
    });
  });

  it('starts Pinger.Ping v1 after login on the configured interval', async () => {
    const server = await startFakeController();
    servers.push(server);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const client = await connectClient(server, { pingIntervalMs: 15_000 });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(server.frames.some((f) => f.type === 'Pinger')).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(server.frames.filter((f) => f.type === 'Pinger')).toHaveLength(1));
    expect(server.frames.find((f) => f.type === 'Pinger')).toMatchObject({
      version: 1,
      request: 'Ping',
      params: {},
    });
    await vi.advanceTimersByTimeAsync(15_000);
    await vi.waitFor(() => expect(server.frames.filter((f) => f.type === 'Pinger')).toHaveLength(2));
    vi.useRealTimers();
    await client.close();
  });
});
