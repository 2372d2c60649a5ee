import { connect } from '@canonical/jujulib';
import AllWatcher from '@canonical/jujulib/dist/api/facades/all-watcher/index.js';
import Client from '@canonical/jujulib/dist/api/facades/client/index.js';
import ModelManager from '@canonical/jujulib/dist/api/facades/model-manager/index.js';
import Pinger from '@canonical/jujulib/dist/api/facades/pinger/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientOptions, WebSocket } from 'ws';
import { deployBundle } from './support/deploy-bundle.js';
import { type Env, startEnv } from './support/env.js';

/**
 * The official JS client, @canonical/jujulib 9.1.0, used unchanged: it only takes a WebSocket class, so
 * the class pins the controller CA and verifies the name juju-apiserver, as the Go client does.
 */
type WsClass = NonNullable<NonNullable<Parameters<typeof connect>[1]>['wsclass']>;

function pinnedWebSocket(caCert: string): WsClass {
  class PinnedWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { ca: caCert, servername: 'juju-apiserver' } as ClientOptions);
    }
  }
  // jujulib types its option as the DOM WebSocket; `ws` implements the same client surface it uses.
  return PinnedWebSocket as unknown as WsClass;
}

describe('@canonical/jujulib against the simulator', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
    await deployBundle(
      env.client,
      env.model.uuid,
      'applications:\n  easyrsa: {charm: easyrsa, channel: 1.35/stable, num_units: 1}\n',
    );
  });
  afterAll(async () => {
    await env.close();
  });

  it('logs in to the controller and lists models', async () => {
    const juju = await connect(env.sim.controllerUrl, {
      facades: [ModelManager, Pinger],
      wsclass: pinnedWebSocket(env.sim.caCert),
      closeCallback: () => undefined,
    });
    const conn = await juju.login({ username: env.sim.user, password: env.sim.password });
    expect(conn).toBeDefined();
    if (!conn) return;
    expect(conn.info.serverVersion).toBe('3.6.14');
    const models = await conn.facades.modelManager.listModels({ tag: conn.info.user?.identity ?? '' });
    expect(models['user-models'].map((m: { model: { name: string } }) => m.model.name).sort()).toEqual([
      'controller',
      'default',
    ]);
    await conn.facades.pinger.ping(null);
    conn.transport.close();
  });

  it('reads FullStatus and the AllWatcher snapshot from a model', async () => {
    const juju = await connect(env.model.url, {
      facades: [Client, AllWatcher],
      wsclass: pinnedWebSocket(env.sim.caCert),
      closeCallback: () => undefined,
    });
    const conn = await juju.login({ username: env.sim.user, password: env.sim.password });
    if (!conn) throw new Error('jujulib login returned no connection');
    const status = await conn.facades.client.fullStatus({ patterns: [] });
    expect(status.model.name).toBe('default');
    expect(Object.keys(status.applications)).toEqual(['easyrsa']);
    expect(status.applications.easyrsa.units['easyrsa/0']).toBeDefined();
    const { 'watcher-id': id } = await conn.facades.client.watchAll(null);
    const { deltas } = await conn.facades.allWatcher.next({ id });
    const kinds = new Set((deltas as unknown as [string, string, unknown][]).map(([kind]) => kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['model', 'application', 'unit', 'machine']));
    await conn.facades.allWatcher.stop({ id });
    conn.transport.close();
  });

  it('gets the error jujulib maps for wrong credentials', async () => {
    const juju = await connect(env.sim.controllerUrl, {
      facades: [],
      wsclass: pinnedWebSocket(env.sim.caCert),
      closeCallback: () => undefined,
    });
    await expect(juju.login({ username: env.sim.user, password: 'wrong' })).rejects.toThrow(
      'Have you been granted permission to a model on this controller?',
    );
  });
});
