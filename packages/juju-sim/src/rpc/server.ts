import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Controller } from '../controller.js';
import type { ControllerCertificates } from '../tls/certificates.js';
import { Session } from './session.js';

export interface ApiServer {
  host: string;
  port: number;
  sessions: Set<Session>;
  close(): Promise<void>;
}

const MODEL_PATH = /^\/model\/([0-9a-f-]{36})\/api\/?$/;

/**
 * The controller's API listener: TLS only, WebSocket upgrades on `/`, `/api` (controller) and
 * `/model/<uuid>/api` (model); `GET /health` answers `running` like jujud. Anything else is a 404.
 */
export async function startApiServer(
  controller: Controller,
  certificates: ControllerCertificates,
  options: { host: string; port: number; loginTimeoutMs: number },
): Promise<ApiServer> {
  const sessions = new Set<Session>();
  const server: Server = createServer(
    { cert: certificates.serverCert, key: certificates.serverKey },
    (req, res) => {
      if (req.method === 'GET' && req.url === '/health') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('running\n');
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
    },
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const modelMatch = MODEL_PATH.exec(path);
    if (!modelMatch && path !== '/' && path !== '/api') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const address = server.address() as AddressInfo;
      const session = new Session(ws, controller, modelMatch?.[1], {
        loginTimeoutMs: options.loginTimeoutMs,
        serverAddress: { host: options.host, port: address.port },
      });
      sessions.add(session);
      ws.on('close', () => sessions.delete(session));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    host: options.host,
    port: address.port,
    sessions,
    async close() {
      for (const session of sessions) session.close();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
