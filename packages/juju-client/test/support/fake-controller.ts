// A scripted Juju controller on loopback: real WebSocket, real frames, Admin.Login with a password,
// the facade list of a 3.6.14 or 4.0.12 controller (from the official schema files).

import { JujuClient, type JujuConnectOptions } from '../../src/index.js';
import { loadSchema } from './fixtures.js';
import {
  type Handler,
  type LoopbackServer,
  type ReceivedFrame,
  type Reply,
  type ServerConnection,
  startLoopbackServer,
} from './loopback-server.js';

export type FacadeHandler = (
  frame: ReceivedFrame,
  conn: ServerConnection,
) => Reply | undefined | Promise<Reply | undefined>;

export interface FakeControllerOptions {
  juju?: '3.6' | '4.0';
  user?: string;
  password?: string;
  /** Facade -> versions override (e.g. to force a negotiation failure). */
  facades?: Record<string, number[]>;
  /** 'Facade.Method' -> handler. */
  handlers?: Record<string, FacadeHandler>;
  login?: (frame: ReceivedFrame) => Reply | undefined;
  tls?: { key: string; cert: string };
  /** Extra host:port entries for the LoginResult `servers`. */
  servers?: string[];
}

export interface FakeController extends LoopbackServer {
  controllerUUID: string;
  modelUUID: string;
  password: string;
  facadeList: { name: string; versions: number[] }[];
}

export async function startFakeController(options: FakeControllerOptions = {}): Promise<FakeController> {
  const juju = options.juju ?? '3.6';
  const user = options.user ?? 'admin';
  const password = options.password ?? 'correct-horse-battery';
  const facadeList = loadSchema(juju).map((f) => ({ name: f.Name, versions: [f.Version] }));
  for (const [name, versions] of Object.entries(options.facades ?? {})) {
    const entry = facadeList.find((f) => f.name === name);
    if (entry) entry.versions = versions;
    else facadeList.push({ name, versions });
  }
  facadeList.push({ name: 'SSHServer', versions: [1] }); // unknown to the client: must be tolerated
  const controllerUUID = 'deadbeef-0000-4000-8000-00000000c0de';
  const modelUUID = '7ffe956a-06ac-4ae9-8aac-04ebafeda5aa';
  const loggedIn = new WeakSet<ServerConnection>();
  let server: LoopbackServer;
  const handler: Handler = (frame, conn) => {
    if (frame.type === 'Admin' && frame.request === 'Login') {
      const custom = options.login?.(frame);
      if (custom) return custom;
      const params = frame.params ?? {};
      if (params['auth-tag'] !== `user-${user}` || params.credentials !== password) {
        return {
          error: 'invalid entity name or password (unauthorized access)',
          'error-code': 'unauthorized access',
        };
      }
      loggedIn.add(conn);
      const [host, port] = server.endpoint.split(':');
      const extra = (options.servers ?? []).map((e) => {
        const [h, p] = e.split(':');
        return { value: h, type: 'ipv4', scope: 'local-cloud', port: Number(p) };
      });
      return {
        response: {
          servers: [[{ value: host, type: 'ipv4', scope: 'local-machine', port: Number(port) }, ...extra]],
          'controller-tag': `controller-${controllerUUID}`,
          'model-tag': conn.path.startsWith('/model/') ? `model-${conn.path.split('/')[2]}` : '',
          'user-info': {
            'display-name': user,
            identity: `user-${user}`,
            'controller-access': 'superuser',
            'model-access': 'admin',
          },
          facades: facadeList,
          'server-version': juju === '3.6' ? '3.6.14' : '4.0.12',
        },
      };
    }
    const adminHandler = frame.type === 'Admin' ? options.handlers?.[`Admin.${frame.request}`] : undefined;
    if (adminHandler) return adminHandler(frame, conn); // Admin is routable before login
    if (!loggedIn.has(conn)) {
      return { error: `unknown object type "${frame.type}"`, 'error-code': 'not implemented' };
    }
    const handle = options.handlers?.[`${frame.type}.${frame.request}`];
    if (handle) return handle(frame, conn);
    if (frame.type === 'Pinger' && frame.request === 'Ping') return { response: {} };
    return {
      error: `no such request - method ${frame.type}(${frame.version}).${frame.request} is not implemented`,
      'error-code': 'not implemented',
    };
  };
  server = await startLoopbackServer(handler, options.tls);
  return Object.assign(server, { controllerUUID, modelUUID, password, facadeList });
}

/** Logs into a fake controller as admin, without reconnecting unless asked. */
export function connectClient(
  server: FakeController,
  extra: Partial<JujuConnectOptions> = {},
): Promise<JujuClient> {
  return JujuClient.connect({
    endpoints: [server.url],
    user: 'admin',
    password: server.password,
    reconnect: false,
    ...extra,
  });
}
