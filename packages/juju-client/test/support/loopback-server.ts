// A loopback Juju-speaking WebSocket server for tests: real sockets, real frames, scripted replies.
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export interface ReceivedFrame {
  'request-id': number;
  type: string;
  version: number;
  id?: string;
  request: string;
  params: Record<string, unknown>;
}

export interface Reply {
  response?: unknown;
  error?: string;
  'error-code'?: string;
  'error-info'?: unknown;
}

/** Return a Reply to answer, `undefined` to stay silent (the call then times out). */
export type Handler = (
  frame: ReceivedFrame,
  conn: ServerConnection,
) => Reply | undefined | Promise<Reply | undefined>;

export interface ServerConnection {
  socket: WebSocket;
  path: string;
  send(raw: string): void;
}

export interface LoopbackServer {
  url: string;
  endpoint: string;
  frames: ReceivedFrame[];
  connections: ServerConnection[];
  /** Number of sockets accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

export async function startLoopbackServer(
  handler: Handler,
  tls?: { key: string; cert: string },
): Promise<LoopbackServer> {
  const https = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }) : undefined;
  const wss = https
    ? new WebSocketServer({ server: https })
    : new WebSocketServer({ host: '127.0.0.1', port: 0 });
  if (https) await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  else await new Promise<void>((resolve) => wss.once('listening', resolve));
  const frames: ReceivedFrame[] = [];
  const connections: ServerConnection[] = [];
  wss.on('connection', (socket, request) => {
    const conn: ServerConnection = {
      socket,
      path: request.url ?? '/',
      send: (raw) => socket.send(raw),
    };
    connections.push(conn);
    socket.on('message', async (data) => {
      const frame = JSON.parse(data.toString()) as ReceivedFrame;
      frame.params ??= {};
      frames.push(frame);
      const reply = await handler(frame, conn);
      if (reply && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ 'request-id': frame['request-id'], ...reply }));
      }
    });
  });
  const address = (https ?? wss).address() as AddressInfo;
  const endpoint = `127.0.0.1:${address.port}`;
  return {
    url: `${tls ? 'wss' : 'ws'}://${endpoint}`,
    endpoint,
    frames,
    connections,
    accepted: () => connections.length,
    close: async () => {
      for (const c of connections) c.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      if (https) await new Promise<void>((resolve) => https.close(() => resolve()));
    },
  };
}

/** A raw client socket to the server (for transport-level tests). */
export function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
