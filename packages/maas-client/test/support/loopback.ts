import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MaasClient } from '../../src/index.js';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as text/plain unless a content-type header is given. */
  body?: unknown;
  /** Destroy the socket instead of answering (a network error for the client). */
  destroy?: boolean;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface Loopback {
  url: string;
  requests: RecordedRequest[];
  /** Replies consumed in order; when empty, `fallback` answers. */
  queue: Handler[];
  fallback: Handler;
  /** Resolves when the server has received `count` requests in total. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP(S) server on 127.0.0.1 that records every request byte for byte. */
export async function startLoopback(tls?: { key: string; cert: string }): Promise<Loopback> {
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const state: Pick<Loopback, 'queue' | 'fallback'> = {
    queue: [],
    fallback: () => ({ status: 404, body: 'Unknown API endpoint.' }),
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      for (const w of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const handler = state.queue.shift() ?? state.fallback;
      const reply = await handler(recorded);
      if (reply.destroy) {
        res.socket?.destroy();
        return;
      }
      const headers: Record<string, string> = { ...reply.headers };
      let payload = '';
      if (reply.body !== undefined) {
        if (typeof reply.body === 'string') {
          payload = reply.body;
          headers['content-type'] ??= 'text/plain; charset=utf-8';
        } else {
          payload = JSON.stringify(reply.body);
          headers['content-type'] ??= 'application/json; charset=utf-8';
        }
      }
      res.writeHead(reply.status ?? 200, headers);
      res.end(payload);
    });
  };
  const server: Server = tls ? createHttpsServer(tls, onRequest) : createHttpServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const loopback: Loopback = {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/MAAS/`,
    requests,
    get queue() {
      return state.queue;
    },
    set queue(value) {
      state.queue = value;
    },
    get fallback() {
      return state.fallback;
    },
    set fallback(value) {
      state.fallback = value;
    },
    waitForRequests(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return loopback;
}

/** Parses an OAuth `Authorization` header into its fields (values percent-decoded). */
export function parseOAuthHeader(header: string | undefined): Record<string, string> {
  if (!header?.startsWith('OAuth ')) throw new Error(`not an OAuth header: ${header}`);
  const out: Record<string, string> = {};
  for (const match of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) {
    out[match[1]!] = decodeURIComponent(match[2]!);
  }
  return out;
}

export const API_KEY = 'cOnSuMeRkEy1:tOkEnKeY2abc:sEcReTtOkEn3xyz';
export const [CONSUMER_KEY, TOKEN_KEY, TOKEN_SECRET] = API_KEY.split(':') as [string, string, string];

/** A client of `server` with the test API key and no retries: each request reaches the handler once. */
export function loopbackClient(server: Loopback): MaasClient {
  return new MaasClient({ url: server.url, apiKey: API_KEY, retry: false });
}
