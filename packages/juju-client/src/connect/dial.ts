import type { ConnectionOptions } from 'node:tls';
import WebSocket from 'ws';
import { JujuConfigError, JujuConnectionError } from '../core/errors.js';

/** Juju issues controller certificates for this name (plus addresses); Go's client verifies against it. */
export const JUJU_SERVER_NAME = 'juju-apiserver';
/** Big FullStatus replies and AllWatcher snapshots exceed 4 MiB (python-libjuju #1237). */
export const DEFAULT_MAX_PAYLOAD = 256 * 1024 * 1024;

export interface DialOptions {
  /** The controller CA (controllers.yaml `ca-cert`); pins TLS to it with server name `juju-apiserver`. */
  caCert?: string | undefined;
  /** Controller `public-hostname`: without a CA, verify against system roots with this SNI name. */
  publicHostname?: string | undefined;
  /** `/api` for the controller, `/model/<uuid>/api` for a model. */
  path: string;
  handshakeTimeoutMs?: number | undefined;
  maxPayload?: number | undefined;
  headers?: Record<string, string> | undefined;
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/**
 * Refuses an endpoint that is not `host:port` (a name, an IPv4 address or a bracketed IPv6 address, and
 * a port from 1 to 65535), optionally as a `ws://`/`wss://` URL: the error names the endpoint and the
 * form, where the URL parser would throw a bare SyntaxError or the resolver a confusing ENOTFOUND.
 */
export function checkEndpoint(endpoint: unknown): string {
  const text = typeof endpoint === 'string' ? endpoint : '';
  const hostPort = text.replace(/^wss?:\/\//, '').replace(/\/.*$/, '');
  const match = HOST_PORT.exec(hostPort);
  const port = Number(match?.[2]);
  let parses = true;
  try {
    new URL(endpointUrl(text, '/api'));
  } catch {
    parses = false;
  }
  if (match === null || !(port >= 1 && port <= 65535) || !parses) {
    throw new JujuConfigError(
      `controller endpoint ${JSON.stringify(endpoint)} is not host:port (e.g. 10.0.0.1:17070, juju.example.com:17070 or [fd00::1]:17070)`,
    );
  }
  return text;
}

/** `host:port` becomes `wss://host:port`; explicit `ws://`/`wss://` URLs are kept (loopback tests). */
export function endpointUrl(endpoint: string, path: string): string {
  const base = /^wss?:\/\//.test(endpoint) ? endpoint.replace(/\/+$/, '') : `wss://${endpoint}`;
  return `${base}${path}`;
}

/**
 * Dials every endpoint at once and keeps the first socket that opens; the others are dropped.
 * MAAS/LXD controllers list unreachable fan addresses, so dialling one at a time stalls.
 */
export function dialFirst(endpoints: readonly string[], options: DialOptions): Promise<WebSocket> {
  if (endpoints.length === 0) {
    return Promise.reject(
      new JujuConnectionError('no controller endpoints to dial: pass at least one host:port'),
    );
  }
  const tls: Pick<ConnectionOptions, 'ca' | 'servername'> = options.caCert
    ? { ca: options.caCert, servername: JUJU_SERVER_NAME }
    : options.publicHostname
      ? { servername: options.publicHostname }
      : {};
  return new Promise((resolve, reject) => {
    const attempts: { endpoint: string; reason: string }[] = [];
    const sockets: WebSocket[] = [];
    let won = false;
    for (const endpoint of endpoints) {
      // ws hands TLS options through to tls.connect; its typings omit `servername`.
      const socket = new WebSocket(endpointUrl(endpoint, options.path), {
        ...(tls as WebSocket.ClientOptions),
        handshakeTimeout: options.handshakeTimeoutMs ?? 30_000,
        maxPayload: options.maxPayload ?? DEFAULT_MAX_PAYLOAD,
        perMessageDeflate: false,
        ...(options.headers ? { headers: options.headers } : {}),
      });
      sockets.push(socket);
      socket.once('open', () => {
        if (won) {
          socket.terminate();
          return;
        }
        won = true;
        for (const other of sockets) {
          if (other === socket) continue;
          other.on('error', () => {}); // the aborted handshake reports an error we do not care about
          other.terminate();
        }
        socket.removeAllListeners('error');
        resolve(socket);
      });
      socket.once('error', (error: Error) => {
        if (won) return;
        attempts.push({ endpoint, reason: error.message });
        if (attempts.length === endpoints.length) {
          const detail = attempts.map((a) => `${a.endpoint}: ${a.reason}`).join('; ');
          reject(
            new JujuConnectionError(`could not connect to any controller endpoint (${detail})`, attempts),
          );
        }
      });
    }
  });
}
