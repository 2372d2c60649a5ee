import { afterEach, describe, expect, it, vi } from 'vitest';
import { JujuTryAgainError } from '../src/index.js';
import { caught } from './support/caught.js';
import { connectClient, type FakeController, startFakeController } from './support/fake-controller.js';

const servers: FakeController[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const tryAgain = { error: 'excessive contention', 'error-code': 'try again' };

describe('try again', () => {
  it('retries a call the controller did not apply, with backoff, until it succeeds', async () => {
    let failures = 2;
    const server = await startFakeController({
      handlers: {
        'Application.AddRelation': () => (failures-- > 0 ? tryAgain : { response: { endpoints: {} } }),
      },
    });
    servers.push(server);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const client = await connectClient(server);
    const call = client.applications.addRelation(['a:x', 'b:y']);
    await vi.waitFor(() => expect(server.frames.filter((f) => f.request === 'AddRelation')).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(100);
    await vi.waitFor(() => expect(server.frames.filter((f) => f.request === 'AddRelation')).toHaveLength(2));
    await vi.advanceTimersByTimeAsync(199);
    expect(server.frames.filter((f) => f.request === 'AddRelation')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual({ endpoints: {} });
    vi.useRealTimers();
    await client.close();
  });

  it('gives up after the total budget with the typed error', async () => {
    const server = await startFakeController({ handlers: { 'Application.AddRelation': () => tryAgain } });
    servers.push(server);
    const client = await connectClient(server, { tryAgain: { firstDelayMs: 1, maxDelayMs: 2, totalMs: 10 } });
    const error = await caught<JujuTryAgainError>(client.applications.addRelation(['a:x', 'b:y']));
    expect(error).toBeInstanceOf(JujuTryAgainError);
    expect(error.code).toBe('try again');
    // Waits of 1 + 2 + 2 + 2 + 2 = 9 ms fit in 10 (six attempts); another 2 would not.
    expect(server.frames.filter((f) => f.request === 'AddRelation')).toHaveLength(6);
    await client.close();
  });
});
