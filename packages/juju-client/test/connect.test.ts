import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  JujuClient,
  JujuConfigError,
  JujuConnectionError,
  JujuFacadeVersionError,
  JujuLoginNotSupportedError,
  JujuRedirectError,
  JujuUnauthorizedError,
} from '../src/index.js';
import { caught } from './support/caught.js';
import { connectClient, type FakeController, startFakeController } from './support/fake-controller.js';

const tlsFile = (name: string) => readFileSync(new URL(`./fixtures/tls/${name}`, import.meta.url), 'utf8');

const servers: FakeController[] = [];
const clients: JujuClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function controller(options: Parameters<typeof startFakeController>[0] = {}) {
  const server = await startFakeController(options);
  servers.push(server);
  return server;
}

async function connect(
  server: FakeController,
  extra: Partial<Parameters<typeof JujuClient.connect>[0]> = {},
) {
  const client = await connectClient(server, extra);
  clients.push(client);
  return client;
}

describe('connect and login', () => {
  it('logs in with Admin v3, sends client-version and no secret in cli-args', async () => {
    const server = await controller();
    const client = await connect(server);
    const login = server.frames[0];
    expect(login).toMatchObject({ 'request-id': 1, type: 'Admin', version: 3, request: 'Login' });
    expect(login?.params).toMatchObject({
      'auth-tag': 'user-admin',
      credentials: server.password,
      'client-version': '3.6.14',
      'cli-args': 'edgekit',
    });
    expect(String(login?.params?.['cli-args'])).not.toContain(server.password);
    expect(server.connections[0]?.path).toBe('/api');
    expect(client.loginResult['controller-tag']).toBe(`controller-${server.controllerUUID}`);
    expect(client.loginResult['user-info']?.identity).toBe('user-admin');
    expect(client.serverVersion).toBe('3.6.14');
  });

  it('logs into a model at /model/<uuid>/api', async () => {
    const server = await controller();
    const client = await connect(server, { modelUUID: server.modelUUID });
    expect(server.connections[0]?.path).toBe(`/model/${server.modelUUID}/api`);
    expect(client.loginResult['model-tag']).toBe(`model-${server.modelUUID}`);
  });

  it('negotiates the 3.6 window and tolerates unknown server facades', async () => {
    const server = await controller({ juju: '3.6', facades: { Application: [19, 20, 21, 22] } });
    const client = await connect(server);
    expect(client.facadeVersions).toMatchObject({
      Application: 22,
      Client: 8,
      Bundle: 6,
      ModelManager: 10,
      MachineManager: 10,
      AllWatcher: 3,
    });
    expect(client.facadeVersions).not.toHaveProperty('SSHServer');
  });

  it('negotiates the 4.0 window (Bundle 8, ModelManager 11, no AllWatcher)', async () => {
    const server = await controller({ juju: '4.0' });
    const client = await connect(server);
    expect(client.facadeVersions).toMatchObject({ Bundle: 8, ModelManager: 11, MachineManager: 11 });
    expect(client.hasFacade('AllWatcher')).toBe(false);
  });

  it('names the facade and both sides’ versions when none match', async () => {
    const server = await controller({ facades: { Application: [17, 18] } });
    const client = await connect(server);
    const error = await caught<JujuFacadeVersionError>(client.applications.get('etcd'));
    expect(error).toBeInstanceOf(JujuFacadeVersionError);
    expect(error.message).toBe(
      'no common version of facade Application: client speaks [22], controller offers [17, 18]',
    );
    expect(server.frames.some((f) => f.type === 'Application')).toBe(false);
  });

  it('rejects a wrong password with a typed error that never contains the password', async () => {
    const server = await controller();
    const error = await caught<JujuUnauthorizedError>(
      connectClient(server, { password: 'wrong-secret-123' }),
    );
    expect(error).toBeInstanceOf(JujuUnauthorizedError);
    expect(error.code).toBe('unauthorized access');
    expect(`${error.message} ${error.stack} ${inspect(error)}`).not.toContain('wrong-secret-123');
  });

  it('never shows the password when the client is inspected or logged', async () => {
    const server = await controller();
    const client = await connect(server);
    expect(inspect(client, { depth: 5 })).not.toContain(server.password);
    expect(JSON.stringify(client.loginResult)).not.toContain(server.password);
  });

  it('requires a password up front, saying what is unsupported', async () => {
    const error = await caught(
      JujuClient.connect({ endpoints: ['127.0.0.1:1'], user: 'admin', password: '' }),
    );
    expect(error).toBeInstanceOf(JujuConfigError);
    expect(error.message).toMatch(/macaroon-only login is not supported/);
  });

  it('explains a macaroon-only controller', async () => {
    const server = await controller({
      login: () => ({
        response: { 'discharge-required': { c: [], l: 'x' }, 'discharge-required-error': 'need it' },
      }),
    });
    const error = await caught(connect(server));
    expect(error).toBeInstanceOf(JujuLoginNotSupportedError);
    expect(error.message).toMatch(/macaroon discharge/);
  });

  it('turns redirection required into a redirect error with servers and CA', async () => {
    const info = {
      servers: [[{ value: '10.9.9.9', type: 'ipv4', scope: 'public', port: 17070 }]],
      'ca-cert': 'PEM',
      'controller-tag': 'controller-x',
    };
    const server = await controller({
      login: () => ({
        error: 'redirection to alternative server required',
        'error-code': 'redirection required',
        'error-info': info,
      }),
    });
    const error = await caught<JujuRedirectError>(connect(server));
    expect(error).toBeInstanceOf(JujuRedirectError);
    expect(error.endpoints()).toEqual(['10.9.9.9:17070']);
    expect(error.caCert).toBe('PEM');
    expect(error.controllerTag).toBe('controller-x');
  });

  it('asks Admin.RedirectInfo when the redirect carries no error-info, and can follow it', async () => {
    const target = await controller();
    const [host, port] = target.endpoint.split(':');
    const origin = await controller({
      login: () => ({ error: 'redirection required', 'error-code': 'redirection required' }),
      handlers: {
        'Admin.RedirectInfo': () => ({
          response: {
            servers: [[{ value: host, type: 'ipv4', scope: 'public', port: Number(port) }]],
            'ca-cert': '',
          },
        }),
      },
    });
    const error = await caught<JujuRedirectError>(connect(origin));
    expect(error).toBeInstanceOf(JujuRedirectError);
    expect(error.endpoints()).toEqual([target.endpoint]);
    expect(origin.frames.map((f) => f.request)).toEqual(['Login', 'RedirectInfo']);

    // Loopback uses ws://, so follow through an explicit scheme on the redirect target.
    const followed = await JujuClient.connect({
      endpoints: [origin.url],
      user: 'admin',
      password: target.password,
      followRedirects: true,
      reconnect: false,
      redirectScheme: 'ws://',
    });
    clients.push(followed);
    expect(followed.loginResult['controller-tag']).toBe(`controller-${target.controllerUUID}`);
    expect(target.accepted()).toBe(1);
  });

  it('dials all endpoints in parallel and keeps the first that opens', async () => {
    const server = await controller();
    const client = await connect(server, {
      endpoints: ['ws://127.0.0.1:9', 'ws://192.0.2.1:17070', server.url],
    });
    expect(client.isConnected).toBe(true);
    expect(server.accepted()).toBe(1);
  });

  it('reports every endpoint when none can be dialled', async () => {
    const error = await caught<JujuConnectionError>(
      JujuClient.connect({ endpoints: ['ws://127.0.0.1:9', 'ws://127.0.0.1:11'], user: 'a', password: 'b' }),
    );
    expect(error).toBeInstanceOf(JujuConnectionError);
    expect(error.attempts.map((a) => a.endpoint)).toEqual(['ws://127.0.0.1:9', 'ws://127.0.0.1:11']);
  });

  it('pins TLS to the controller CA with server name juju-apiserver', async () => {
    const server = await controller({ tls: { key: tlsFile('server.key'), cert: tlsFile('server.pem') } });
    const client = await connect(server, { endpoints: [server.endpoint], caCert: tlsFile('ca.pem') });
    expect(client.isConnected).toBe(true);
    const wrongCa = await caught<JujuConnectionError>(
      connect(server, { endpoints: [server.endpoint], caCert: tlsFile('other-ca.pem') }),
    );
    expect(wrongCa).toBeInstanceOf(JujuConnectionError);
    expect(wrongCa.message).toMatch(/certificate/i);
  });
});
