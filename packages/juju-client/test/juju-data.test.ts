import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  connectFromJujuData,
  type JujuClient,
  JujuConfigError,
  jujuDataDir,
  resolveJujuConfig,
} from '../src/index.js';
import { caught } from './support/caught.js';
import { type FakeController, startFakeController } from './support/fake-controller.js';

const servers: FakeController[] = [];
const clients: JujuClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const MODEL_UUID = '11111111-2222-4333-8444-555555555555';

function writeJujuData(dir: string, endpoint: string, password: string | undefined) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'controllers.yaml'),
    stringify({
      controllers: {
        edge: { uuid: 'c', 'api-endpoints': [endpoint], 'ca-cert': 'PEM-EDGE' },
        other: { uuid: 'o', 'api-endpoints': ['ws://127.0.0.1:9'], 'ca-cert': 'PEM-OTHER' },
      },
      'current-controller': 'edge',
    }),
  );
  writeFileSync(
    join(dir, 'accounts.yaml'),
    stringify({
      controllers: {
        edge: { user: 'admin', ...(password ? { password } : {}), 'last-known-access': 'superuser' },
      },
    }),
  );
  writeFileSync(
    join(dir, 'models.yaml'),
    stringify({
      controllers: {
        edge: {
          models: {
            'admin/default': { uuid: MODEL_UUID, type: 'iaas' },
            'admin/k8s': { uuid: '99999999-2222-4333-8444-555555555555' },
          },
          'current-model': 'admin/default',
        },
      },
    }),
  );
}

describe('connectFromJujuData', () => {
  it('finds the data dir as the CLI does', () => {
    expect(jujuDataDir({ JUJU_DATA: '/a' })).toBe('/a');
    expect(jujuDataDir({ XDG_DATA_HOME: '/x' })).toBe('/x/juju');
    expect(jujuDataDir({})).toMatch(/\.local\/share\/juju$/);
  });

  it('connects to the current controller and model with the stored password', async () => {
    const server = await startFakeController();
    servers.push(server);
    const dir = mkdtempSync(join(tmpdir(), 'juju-data-'));
    writeJujuData(dir, server.url, server.password);
    const client = await connectFromJujuData({ env: { JUJU_DATA: dir }, reconnect: false });
    clients.push(client);
    expect(server.connections[0]?.path).toBe(`/model/${MODEL_UUID}/api`);
    expect(client.modelUUID).toBe(MODEL_UUID);
  });

  it('honours JUJU_CONTROLLER and JUJU_MODEL, and XDG_DATA_HOME', () => {
    const xdg = mkdtempSync(join(tmpdir(), 'xdg-'));
    writeJujuData(join(xdg, 'juju'), 'ws://127.0.0.1:1', 'pw');
    const resolved = resolveJujuConfig({ env: { XDG_DATA_HOME: xdg, JUJU_MODEL: 'k8s' } });
    expect(resolved).toMatchObject({
      controller: 'edge',
      caCert: 'PEM-EDGE',
      modelUUID: '99999999-2222-4333-8444-555555555555',
    });
    const error = (() => {
      try {
        resolveJujuConfig({ env: { XDG_DATA_HOME: xdg, JUJU_CONTROLLER: 'other' } });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(JujuConfigError);
    expect(error?.message).toMatch(/no user for controller "other".*juju login/);
  });

  it('says which file is missing and how to fix it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'empty-'));
    expect(() => resolveJujuConfig({ env: { JUJU_DATA: empty } })).toThrow(
      /cannot read .*controllers\.yaml: run `juju bootstrap` or `juju register`, or set JUJU_DATA/,
    );
  });

  it('explains a missing password without leaking anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nopw-'));
    writeJujuData(dir, 'ws://127.0.0.1:1', undefined);
    expect(() => resolveJujuConfig({ env: { JUJU_DATA: dir } })).toThrow(
      /no password stored for "admin".*change-user-password/,
    );
  });

  it('uses the terraform provider variables and looks a named model up with ListModels', async () => {
    const server = await startFakeController({
      handlers: {
        'ModelManager.ListModels': () => ({
          response: {
            'user-models': [
              {
                model: { name: 'edge', uuid: MODEL_UUID, type: 'iaas', 'owner-tag': 'user-admin' },
                'last-connection': null,
              },
            ],
          },
        }),
      },
    });
    servers.push(server);
    const env = {
      JUJU_CONTROLLER_ADDRESSES: `ws://127.0.0.1:9,${server.url}`,
      JUJU_USERNAME: 'admin',
      JUJU_PASSWORD: server.password,
      JUJU_CA_CERT: 'PEM',
    };
    expect(resolveJujuConfig({ env })).toMatchObject({
      endpoints: ['ws://127.0.0.1:9', server.url],
      caCert: 'PEM',
    });
    // CA pinning only applies to wss://; the loopback controller speaks ws://.
    const client = await connectFromJujuData({ env, model: 'edge', reconnect: false });
    clients.push(client);
    expect(server.connections.map((c) => c.path)).toEqual(['/api', `/model/${MODEL_UUID}/api`]);
    expect(server.frames.find((f) => f.request === 'ListModels')?.params).toEqual({ tag: 'user-admin' });
  });

  it('rejects terraform variables without a password', async () => {
    const error = await caught(
      connectFromJujuData({ env: { JUJU_CONTROLLER_ADDRESSES: 'a:1', JUJU_USERNAME: 'admin' } }),
    );
    expect(error).toBeInstanceOf(JujuConfigError);
    expect(error.message).toBe('JUJU_CONTROLLER_ADDRESSES is set but JUJU_PASSWORD is not; set both');
  });
});
