import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MaasClient, MaasConfigError, MaasResponseTooLargeError } from '../src/index.js';
import { API_KEY } from './support/loopback.js';

const MIB = 1024 * 1024;

/** A MAAS stand-in whose answer never ends (chunked, no Content-Length), or announces a huge length. */
async function endlessServer(
  announce?: number,
): Promise<{ url: string; requests: () => number; sent: () => number; server: Server }> {
  let requests = 0;
  let sent = 0;
  const chunk = Buffer.alloc(256 * 1024, 0x61);
  const server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(announce === undefined ? {} : { 'content-length': String(announce) }),
    });
    const pump = () => {
      while (!res.destroyed && sent < 512 * MIB) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    res.on('close', () => res.destroy());
    pump();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/MAAS/`, requests: () => requests, sent: () => sent, server };
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

describe('maxResponseBytes', () => {
  it('stops reading an answer that streams past the limit, with a typed error and no retry', async () => {
    const endless = await endlessServer();
    server = endless.server;
    const client = new MaasClient({ url: endless.url, apiKey: API_KEY, maxResponseBytes: 4 * MIB });
    const error = await client.machines.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasResponseTooLargeError);
    expect((error as MaasResponseTooLargeError).maxResponseBytes).toBe(4 * MIB);
    expect((error as Error).message).toMatch(/more than 4194304 bytes.*maxResponseBytes/);
    // A GET is otherwise retried after a dropped answer: this one is not.
    expect(endless.requests()).toBe(1);
    // The server got to write a bounded amount, far from the 512 MiB it had to give.
    expect(endless.sent()).toBeLessThan(64 * MIB);
  });

  it('refuses an answer whose Content-Length is over the limit before reading it', async () => {
    const announced = await endlessServer(700 * MIB);
    server = announced.server;
    const client = new MaasClient({ url: announced.url, apiKey: API_KEY, maxResponseBytes: MIB });
    await expect(client.version.read()).rejects.toBeInstanceOf(MaasResponseTooLargeError);
    expect(announced.requests()).toBe(1);
  });

  it('has a default and refuses a nonsense limit', () => {
    expect(() => new MaasClient({ url: 'http://maas/MAAS/', apiKey: API_KEY, maxResponseBytes: 0 })).toThrow(
      MaasConfigError,
    );
    expect(
      () => new MaasClient({ url: 'http://maas/MAAS/', apiKey: API_KEY, maxResponseBytes: 1.5 }),
    ).toThrow(/maxResponseBytes must be a positive whole number/);
  });
});
