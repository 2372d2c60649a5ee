import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type JujuSim, startJujuSim } from '../src/index.js';
import { type Wire, WireClient } from './support/wire.js';

// No machine is provisioned in these tests, so the MAAS endpoint is never called.
const NO_MAAS = { url: 'http://127.0.0.1:9/MAAS/', apiKey: 'consumer:token:secret' };

describe('controller wire protocol', () => {
  let sim: JujuSim;
  let jujuData: string;

  beforeAll(async () => {
    jujuData = await mkdtemp(join(tmpdir(), 'juju-sim-data-'));
    sim = await startJujuSim({ maas: NO_MAAS, jujuDataDir: jujuData });
  });
  afterAll(async () => {
    await sim.close();
    await rm(jujuData, { recursive: true, force: true });
  });

  it('serves TLS that verifies as juju-apiserver against the generated CA', async () => {
    const client = await WireClient.connect(sim.controllerUrl, sim.caCert);
    client.close();
    await expect(WireClient.connect(sim.controllerUrl, '')).rejects.toThrow();
  });

  it('answers only Admin before login, with the errors Juju sends', async () => {
    const client = await WireClient.connect(sim.controllerUrl, sim.caCert);
    const status = await client.call('Client', 8, 'FullStatus', { patterns: [] });
    expect(status.error).toBe('unknown version (8) of interface "Client"');
    expect(status['error-code']).toBe('not implemented');
    const admin4 = await client.call('Admin', 4, 'LoginDevice', {});
    expect(admin4['error-code']).toBe('not supported');
    const wrong = await client.login('admin', 'not-the-password');
    expect(wrong.error).toBe('invalid entity name or password');
    expect(wrong['error-code']).toBe('unauthorized access');
    expect(JSON.stringify(wrong)).not.toContain(sim.password);
    client.close();
  });

  it('logs in on /api with 3.6.14 controller facades only', async () => {
    const client = await WireClient.connect(sim.controllerUrl, sim.caCert);
    const reply = await client.login(sim.user, sim.password);
    const result = reply.response as Wire;
    expect(result['server-version']).toBe('3.6.14');
    expect(result['controller-tag']).toBe(`controller-${sim.controllerUUID}`);
    const facades = new Map(
      (result.facades as { name: string; versions: number[] }[]).map((f) => [f.name, f.versions]),
    );
    expect(facades.get('ModelManager')).toContain(10);
    expect(facades.has('Client')).toBe(false);
    expect(facades.get('Pinger')).toEqual([1]);
    expect(await client.ok('Pinger', 1, 'Ping')).toEqual({});
    const misplaced = await client.call('Client', 8, 'FullStatus', { patterns: [] });
    expect(misplaced['error-code']).toBe('not supported');
    const again = await client.login(sim.user, sim.password);
    expect(again.error).toBe('already logged in');
    client.close();
  });

  it('modelLogin gives what a client logs in to a model with; an unknown model is an error', () => {
    const model = sim.models.find((m) => m.name === 'default')!;
    expect(sim.modelLogin()).toEqual({
      endpoints: sim.endpoints,
      caCert: sim.caCert,
      user: sim.user,
      password: sim.password,
      modelUUID: model.uuid,
    });
    expect(() => sim.modelLogin('nope')).toThrow('the Juju simulator has no model "nope"');
  });

  it('logs in on /model/<uuid>/api with model facades including AllWatcher', async () => {
    const model = sim.models.find((m) => m.name === 'default')!;
    const client = await WireClient.connect(model.url, sim.caCert);
    const result = (await client.login(sim.user, sim.password)).response as Wire;
    expect(result['model-tag']).toBe(`model-${model.uuid}`);
    const names = (result.facades as { name: string }[]).map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining(['Client', 'Application', 'AllWatcher', 'MachineManager', 'Pinger']),
    );
    expect(names).not.toContain('ModelManager');
    const unknownMethod = await client.call('Client', 8, 'NoSuchThing', {});
    expect(unknownMethod.error).toBe('no such request - method Client(8).NoSuchThing is not implemented');
    const oldVersion = await client.call('Client', 2, 'FullStatus', {});
    expect(oldVersion.error).toBe('unknown version (2) of interface "Client"');
    client.close();
  });

  it('rejects a login to a model that does not exist', async () => {
    const client = await WireClient.connect(sim.modelUrl('00000000-0000-4000-8000-000000000000'), sim.caCert);
    const reply = await client.login(sim.user, sim.password);
    expect(reply['error-code']).toBe('model not found');
    client.close();
  });

  it('answers malformed frames with a bad request error naming the problem', async () => {
    const client = await WireClient.connect(sim.controllerUrl, sim.caCert);
    client.sendRaw('{not json');
    client.sendRaw(JSON.stringify({ 'request-id': 0, type: 'Admin', version: 3, request: 'Login' }));
    const replies = await client.waitForRaw(2);
    expect(JSON.parse(replies[0]!)['error-code']).toBe('bad request');
    expect(JSON.parse(replies[1]!).error).toMatch(/request-id must be a positive integer/);
    client.close();
  });

  it('writes a JUJU_DATA store laid out like the Juju CLI', async () => {
    const controllers = parse(await readFile(join(jujuData, 'controllers.yaml'), 'utf8'));
    expect(controllers['current-controller']).toBe(sim.controllerName);
    const entry = controllers.controllers[sim.controllerName];
    expect(entry.uuid).toBe(sim.controllerUUID);
    expect(entry['api-endpoints']).toEqual(sim.endpoints);
    expect(entry['ca-cert']).toBe(sim.caCert);
    const accounts = parse(await readFile(join(jujuData, 'accounts.yaml'), 'utf8'));
    expect(accounts.controllers[sim.controllerName].user).toBe('admin');
    const models = parse(await readFile(join(jujuData, 'models.yaml'), 'utf8'));
    const store = models.controllers[sim.controllerName];
    expect(store['current-model']).toBe('admin/default');
    expect(store.models['admin/default'].uuid).toBe(sim.models.find((m) => m.name === 'default')!.uuid);
    expect((await stat(join(jujuData, 'accounts.yaml'))).mode & 0o777).toBe(0o600);
  });

  it('counts requests and mutating calls', async () => {
    const before = sim.stats();
    const client = await WireClient.connect(sim.controllerUrl, sim.caCert);
    await client.login(sim.user, sim.password);
    await client.ok('ModelManager', 10, 'ListModels', { tag: 'user-admin' });
    const mid = sim.stats();
    expect(mid.mutatingRequests).toBe(before.mutatingRequests);
    const created = await client.ok('ModelManager', 10, 'CreateModel', {
      name: 'edge',
      'owner-tag': 'user-admin',
    });
    expect(created.name).toBe('edge');
    const after = sim.stats();
    expect(after.mutatingRequests).toBe(before.mutatingRequests + 1);
    expect(after.byMethod['ModelManager.CreateModel']).toBe(1);
    const info = await client.ok('ModelManager', 10, 'ModelInfo', {
      entities: [{ tag: `model-${created.uuid}` }],
    });
    expect(info.results[0].result.uuid).toBe(created.uuid);
    const dup = await client.call('ModelManager', 10, 'CreateModel', {
      name: 'edge',
      'owner-tag': 'user-admin',
    });
    expect(dup['error-code']).toBe('already exists');
    const store = parse(await readFile(join(jujuData, 'models.yaml'), 'utf8')).controllers[
      sim.controllerName
    ];
    expect(store.models['admin/edge'].uuid).toBe(created.uuid);
    const destroyed = await client.ok('ModelManager', 10, 'DestroyModels', {
      models: [{ 'model-tag': `model-${created.uuid}` }],
    });
    expect(destroyed.results).toEqual([{}]);
    client.close();
  });
});

describe('login timeout', () => {
  it('closes an unauthenticated socket after the login timeout', async () => {
    const sim = await startJujuSim({ maas: NO_MAAS, loginTimeoutMs: 200 });
    try {
      const idle = await WireClient.connect(sim.controllerUrl, sim.caCert);
      await expect(idle.closed).resolves.toBeTypeOf('number');
      expect(sim.stats().openConnections).toBe(0);
    } finally {
      await sim.close();
    }
  });
});

describe('Juju 4.0.12 mode', () => {
  it('advertises 4.0 facade versions and no AllWatcher', async () => {
    const sim = await startJujuSim({ maas: NO_MAAS, jujuVersion: '4.0.12' });
    try {
      const model = sim.models.find((m) => m.name === 'default')!;
      const client = await WireClient.connect(model.url, sim.caCert);
      const result = (await client.login(sim.user, sim.password)).response as Wire;
      expect(result['server-version']).toBe('4.0.12');
      const facades = new Map(
        (result.facades as { name: string; versions: number[] }[]).map((f) => [f.name, f.versions]),
      );
      expect(facades.has('AllWatcher')).toBe(false);
      expect(facades.get('MachineManager')).toEqual([11]);
      const watch = await client.call('AllWatcher', 3, 'Next', {}, '1');
      // apiRoot.lookupMethod reports the asked version when the registry has no such facade.
      expect(watch.error).toBe('unknown version (3) of interface "AllWatcher"');
      client.close();
      const controller = await WireClient.connect(sim.controllerUrl, sim.caCert);
      await controller.login(sim.user, sim.password);
      const list = await controller.ok('ModelManager', 11, 'ListModels', { tag: 'user-admin' });
      expect(list['user-models'][0].model.qualifier).toBe('admin');
      controller.close();
    } finally {
      await sim.close();
    }
  });
});
