import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  JujuAbortError,
  JujuConnectionClosedError,
  type JujuError,
  JujuMalformedFrameError,
  JujuNotFoundError,
  JujuRpcError,
  JujuTimeoutError,
} from '../src/index.js';
import { RpcTransport } from '../src/internal.js';
import { caught } from './support/caught.js';
import { type LoopbackServer, openSocket, startLoopbackServer } from './support/loopback-server.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

describe('RpcTransport', () => {
  it('sends frames exactly as Juju codec reads them, ids from 1', async () => {
    server = await startLoopbackServer(() => ({ response: {} }));
    const transport = new RpcTransport(await openSocket(server.url));
    await transport.call({ type: 'Client', version: 8, request: 'FullStatus', params: { patterns: [] } });
    await transport.call({ type: 'AllWatcher', version: 3, request: 'Next', id: '7' });
    expect(server.frames).toEqual([
      { 'request-id': 1, type: 'Client', version: 8, request: 'FullStatus', params: { patterns: [] } },
      { 'request-id': 2, type: 'AllWatcher', version: 3, id: '7', request: 'Next', params: {} },
    ]);
    await transport.close();
  });

  it('matches out-of-order replies to their calls', async () => {
    const held: Array<() => void> = [];
    server = await startLoopbackServer((frame, conn) => {
      held.push(() =>
        conn.send(JSON.stringify({ 'request-id': frame['request-id'], response: { echo: frame.request } })),
      );
      if (held.length === 3) for (const send of held.reverse()) send();
      return undefined;
    });
    const transport = new RpcTransport(await openSocket(server.url));
    const results = await Promise.all(
      ['A', 'B', 'C'].map((request) => transport.call({ type: 'X', version: 1, request })),
    );
    expect(results).toEqual([{ echo: 'A' }, { echo: 'B' }, { echo: 'C' }]);
    await transport.close();
  });

  it('keeps error, error-code and error-info as a typed RpcError', async () => {
    server = await startLoopbackServer(() => ({
      error: 'application "nope" not found',
      'error-code': 'not found',
      'error-info': { why: 1 },
      response: {},
    }));
    const transport = new RpcTransport(await openSocket(server.url));
    const error = await caught<JujuRpcError>(
      transport.call({ type: 'Application', version: 22, request: 'Get' }),
    );
    expect(error).toBeInstanceOf(JujuNotFoundError);
    expect(error).toMatchObject({
      code: 'not found',
      info: { why: 1 },
      facade: 'Application',
      method: 'Get',
      requestId: 1,
    });
    await transport.close();
  });

  it('an error without error-code is a plain RpcError (recorded RedirectInfo reply)', async () => {
    server = await startLoopbackServer(() => ({ error: 'not redirected', response: {} }));
    const transport = new RpcTransport(await openSocket(server.url));
    const error = await caught<JujuRpcError>(
      transport.call({ type: 'Admin', version: 3, request: 'RedirectInfo' }),
    );
    expect(error.constructor).toBe(JujuRpcError);
    expect(error.code).toBeUndefined();
    await transport.close();
  });

  it('times out a silent call under fake timers and ignores the late reply', async () => {
    server = await startLoopbackServer(() => undefined);
    const transport = new RpcTransport(await openSocket(server.url), { callTimeoutMs: 5_000 });
    vi.useFakeTimers();
    const call = transport.call({ type: 'Client', version: 8, request: 'FullStatus' });
    const assertion = expect(call).rejects.toBeInstanceOf(JujuTimeoutError);
    await vi.advanceTimersByTimeAsync(5_000);
    await assertion;
    expect(transport.pendingCount).toBe(0);
    vi.useRealTimers();
    await transport.close();
  });

  it('rejects an aborted call with JujuAbortError', async () => {
    server = await startLoopbackServer(() => undefined);
    const transport = new RpcTransport(await openSocket(server.url));
    const controller = new AbortController();
    const call = transport.call(
      { type: 'Client', version: 8, request: 'FullStatus' },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(JujuAbortError);
    await transport.close();
  });

  it('rejects every pending call with a typed closed error when the peer closes', async () => {
    server = await startLoopbackServer((_frame, conn) => {
      if (server && server.frames.length === 2) conn.socket.close(1011);
      return undefined;
    });
    const transport = new RpcTransport(await openSocket(server.url));
    const read = caught<JujuConnectionClosedError>(
      transport.call({ type: 'Client', version: 8, request: 'FullStatus' }),
    );
    const write = caught<JujuConnectionClosedError>(
      transport.call({ type: 'Application', version: 22, request: 'Deploy' }),
    );
    const [readError, writeError] = await Promise.all([read, write]);
    expect(readError).toBeInstanceOf(JujuConnectionClosedError);
    expect(readError.maybeApplied).toBe(false);
    expect(writeError).toBeInstanceOf(JujuConnectionClosedError);
    expect(writeError.maybeApplied).toBe(true);
    expect(writeError.message).toMatch(/reconcile/);
  });

  it('throws at once and sends nothing on a socket that is not open', async () => {
    server = await startLoopbackServer(() => ({ response: {} }));
    const transport = new RpcTransport(await openSocket(server.url));
    await transport.close();
    const before = server.frames.length;
    await expect(
      transport.call({ type: 'Client', version: 8, request: 'FullStatus' }),
    ).rejects.toBeInstanceOf(JujuConnectionClosedError);
    expect(server.frames.length).toBe(before);
  });

  it('turns a malformed frame into a typed error event', async () => {
    server = await startLoopbackServer((frame, conn) => {
      conn.send('{not json');
      conn.send(JSON.stringify({ 'request-id': 0, response: {} }));
      return { response: { ok: frame.request } };
    });
    const transport = new RpcTransport(await openSocket(server.url));
    const errors: JujuError[] = [];
    transport.on('error', (e) => errors.push(e));
    await expect(transport.call({ type: 'X', version: 1, request: 'Y' })).resolves.toEqual({ ok: 'Y' });
    expect(errors.map((e) => e.constructor)).toEqual([JujuMalformedFrameError, JujuMalformedFrameError]);
    await transport.close();
  });

  it('accepts a frame far larger than 4 MiB', async () => {
    const big = 'x'.repeat(9 * 1024 * 1024);
    server = await startLoopbackServer(() => ({ response: { big } }));
    const transport = new RpcTransport(await openSocket(server.url));
    const reply = (await transport.call({ type: 'Client', version: 8, request: 'FullStatus' })) as {
      big: string;
    };
    expect(reply.big.length).toBe(big.length);
    await transport.close();
  });

  it('pings on the interval and declares the connection broken when a pong is missed', async () => {
    let answer = true;
    server = await startLoopbackServer(() => (answer ? { response: {} } : undefined));
    const transport = new RpcTransport(await openSocket(server.url), { pingIntervalMs: 20_000 });
    const broken = new Promise<JujuError>((resolve) => transport.once('broken', resolve));
    const closed = new Promise((resolve) => transport.once('close', resolve));
    vi.useFakeTimers();
    transport.startPinger((options) =>
      transport.call({ type: 'Pinger', version: 1, request: 'Ping' }, options),
    );
    await vi.advanceTimersByTimeAsync(20_000);
    await vi.waitFor(() => expect(server?.frames.length).toBe(1));
    await vi.advanceTimersByTimeAsync(0);
    answer = false;
    await vi.advanceTimersByTimeAsync(20_000);
    await vi.waitFor(() => expect(server?.frames.length).toBe(2));
    await vi.advanceTimersByTimeAsync(20_000);
    vi.useRealTimers();
    expect(await broken).toBeInstanceOf(JujuTimeoutError);
    await closed;
    expect(server.frames.every((f) => f.type === 'Pinger' && f.request === 'Ping')).toBe(true);
  });
});
