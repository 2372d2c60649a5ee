import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JujuSim, startJujuSim } from '../src/index.js';
import { type Reply, WireClient } from './support/wire.js';

// No machine is provisioned in these tests, so the MAAS endpoint is never called.
const NO_MAAS = { url: 'http://127.0.0.1:9/MAAS/', apiKey: 'consumer:token:secret' };

/** Names that reach JavaScript internals when a wire string is used as a property key of a plain object. */
const OBJECT_INTERNALS = [
  'constructor',
  'toString',
  'hasOwnProperty',
  '__proto__',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
];

/**
 * Issue 14: `Client.constructor` after login answered ~53 KB of internal state, the admin password and the
 * CA private key among it. Every reply must be one of Juju's error frames, small and without secrets.
 */
describe('dispatch reaches only the facades and methods the simulator declares', () => {
  let sim: JujuSim;

  beforeAll(async () => {
    sim = await startJujuSim({ maas: NO_MAAS, password: 'pw-that-must-never-appear-7f3a' });
  });
  afterAll(async () => {
    await sim.close();
  });

  function expectSafe(reply: Reply): void {
    const text = JSON.stringify(reply);
    expect(text.length).toBeLessThan(400);
    expect(text).not.toContain(sim.password);
    expect(text).not.toContain('PRIVATE KEY');
    expect(reply.response).toEqual({});
  }

  it('answers object-internal method names on model facades with Juju`s not implemented error', async () => {
    const model = sim.models.find((m) => m.name === 'default')!;
    const client = await WireClient.connect(model.url, sim.caCert);
    expect((await client.login(sim.user, sim.password)).error).toBeUndefined();
    for (const [facade, version] of [
      ['Client', 8],
      ['Application', 22],
      ['MachineManager', 10],
      ['Bundle', 6],
      ['Pinger', 1],
    ] as const) {
      for (const method of OBJECT_INTERNALS) {
        const reply = await client.call(facade, version, method, {});
        expectSafe(reply);
        expect(reply.error).toBe(
          `no such request - method ${facade}(${version}).${method} is not implemented`,
        );
        expect(reply['error-code']).toBe('not implemented');
      }
    }
    client.close();
  });

  it('answers object-internal facade names as unknown facades on both roots', async () => {
    const model = sim.models.find((m) => m.name === 'default')!;
    const modelClient = await WireClient.connect(model.url, sim.caCert);
    await modelClient.login(sim.user, sim.password);
    const controllerClient = await WireClient.connect(sim.controllerUrl, sim.caCert);
    await controllerClient.login(sim.user, sim.password);
    for (const facade of OBJECT_INTERNALS) {
      for (const method of ['FullStatus', 'constructor']) {
        const onModel = await modelClient.call(facade, 1, method, {});
        expectSafe(onModel);
        expect(onModel.error).toBe(`unknown version (1) of interface ${JSON.stringify(facade)}`);
        expect(onModel['error-code']).toBe('not implemented');
        // apiserver/restrict_controller.go: a controller login refuses any facade not in its list first.
        const onController = await controllerClient.call(facade, 1, method, {});
        expectSafe(onController);
        expect(onController.error).toBe(
          `facade ${JSON.stringify(facade)} not supported for controller API connection`,
        );
        expect(onController['error-code']).toBe('not supported');
      }
    }
    modelClient.close();
    controllerClient.close();
  });

  it('before login answers Admin.<internal> as Juju`s adminRoot does, not with a serialisation error', async () => {
    const client = await WireClient.connect(sim.controllerUrl, sim.caCert);
    for (const method of OBJECT_INTERNALS) {
      const reply = await client.call('Admin', 3, method, {});
      expectSafe(reply);
      // adminRoot.FindMethod looks the method up at version 0, so the message carries no version.
      expect(reply.error).toBe(`no such request - method Admin.${method} is not implemented`);
      expect(reply['error-code']).toBe('not implemented');
    }
    for (const facade of OBJECT_INTERNALS) {
      const reply = await client.call(facade, 3, 'Login', {});
      expectSafe(reply);
      expect(reply.error).toBe(`unknown version (3) of interface ${JSON.stringify(facade)}`);
    }
    // Still a working connection: the real login succeeds afterwards.
    expect((await client.login(sim.user, sim.password)).error).toBeUndefined();
    client.close();
  });
});
