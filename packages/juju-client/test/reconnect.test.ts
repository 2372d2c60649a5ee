import { afterEach, describe, expect, it } from 'vitest';
import { type JujuClient, JujuConnectionClosedError, type JujuError } from '../src/index.js';
import { caught } from './support/caught.js';
import { connectClient, type FakeController, startFakeController } from './support/fake-controller.js';

const servers: FakeController[] = [];
const clients: JujuClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close().catch(() => {})));
});

describe('reconnect and closing', () => {
  it('re-dials, logs in again and renegotiates after the socket drops', async () => {
    const server = await startFakeController();
    servers.push(server);
    const client = await connectClient(server, { reconnect: { delayMs: 5 } });
    clients.push(client);
    const events: string[] = [];
    client.on('disconnected', () => events.push('disconnected'));
    const reconnected = new Promise((resolve) => client.once('reconnected', resolve));
    server.connections[0]?.socket.terminate();
    expect(await reconnected).toEqual({ attempt: 1 });
    expect(events).toEqual(['disconnected']);
    expect(client.isConnected).toBe(true);
    expect(client.facadeVersions.Client).toBe(8);
    expect(server.frames.filter((f) => f.request === 'Login')).toHaveLength(2);
    await expect(client.client.watchAll()).rejects.toThrow(/not implemented/); // a real call goes out again
  });

  it('gives up after the configured attempts and closes for good', async () => {
    const server = await startFakeController();
    const client = await connectClient(server, { reconnect: { delayMs: 1, attempts: 2 } });
    clients.push(client);
    const errors: JujuError[] = [];
    client.on('error', (e) => errors.push(e));
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await server.close(); // the controller goes away entirely
    await closed;
    expect(errors).toHaveLength(2);
    expect(client.isConnected).toBe(false);
    const error = await caught(client.client.fullStatus());
    expect(error).toBeInstanceOf(JujuConnectionClosedError);
    expect(error.message).toMatch(/the connection is closed/);
  });

  it('after close() a call throws at once and sends nothing', async () => {
    const server = await startFakeController();
    servers.push(server);
    const client = await connectClient(server);
    await client.close();
    const before = server.frames.length;
    await expect(client.client.fullStatus()).rejects.toBeInstanceOf(JujuConnectionClosedError);
    expect(server.frames.length).toBe(before);
  });
});
