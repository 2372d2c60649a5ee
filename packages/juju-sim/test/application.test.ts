import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployBundle } from './support/deploy-bundle.js';
import { type Env, startEnv, waitForStatus } from './support/env.js';
import type { Wire } from './support/wire.js';

describe('applications, units and the AllWatcher', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(async () => {
    await env.close();
  });

  it('deploys from the repository server-side and scales with AddUnits', async () => {
    const reply = await env.client.ok('Application', 22, 'DeployFromRepository', {
      Args: [
        {
          CharmName: 'etcd',
          ApplicationName: 'kv',
          channel: '1.35/stable',
          'num-units': 1,
          ConfigYAML: 'kv:\n  port: 2390\n',
        },
      ],
    });
    expect(reply.Results[0]).toMatchObject({
      Info: { name: 'kv', channel: '1.35/stable', revision: 772, base: { name: 'ubuntu', channel: '24.04' } },
      Errors: null,
    });
    const added = await env.client.ok('Application', 22, 'AddUnits', {
      application: 'kv',
      'num-units': 2,
      placement: [],
    });
    expect(added.units).toEqual(['kv/1', 'kv/2']);
    const got = await env.client.ok('Application', 22, 'Get', { application: 'kv', branch: 'master' });
    expect(got.config.port).toMatchObject({ value: 2390, source: 'user', default: 2379 });
    expect(got.config.channel).toMatchObject({ value: 'auto', source: 'default' });
    const status = await env.client.ok('Client', 8, 'FullStatus', { patterns: ['kv'] });
    expect(Object.keys(status.applications.kv.units)).toEqual(['kv/0', 'kv/1', 'kv/2']);
    expect(status.applications.kv.units['kv/0'].leader).toBe(true);
    // Without certificates etcd stays blocked once installed, as the charm does.
    const blocked = await waitForStatus(env.client, (s) =>
      Object.values<Wire>(s.applications.kv.units).every((u) => u['workload-status'].status === 'blocked'),
    );
    expect(blocked.applications.kv.units['kv/1']['workload-status'].info).toBe(
      'Missing relation to certificate authority.',
    );
    expect(blocked.applications.kv.status.status).toBe('blocked');
  });

  it('validates config and constraints with errors that name the problem', async () => {
    const bad = await env.client.ok('Application', 22, 'SetConfigs', {
      Args: [{ application: 'kv', config: { colour: 'blue' } }],
    });
    expect(bad.results[0].error).toEqual({ message: 'unknown option "colour"', code: 'not valid' });
    const notNumber = await env.client.ok('Application', 22, 'SetConfigs', {
      Args: [{ application: 'kv', config: { port: 'high' } }],
    });
    expect(notNumber.results[0].error.message).toBe('option "port": expected int, got "high"');
    const cons = await env.client.call('Application', 22, 'SetConstraints', {
      application: 'kv',
      constraints: { cores: 'many' },
    });
    expect(cons).toMatchObject({
      error: 'constraints.cores: expected a non-negative number',
      'error-code': 'not valid',
    });
    const missing = await env.client.call('Application', 22, 'Expose', { application: 'nope' });
    expect(missing).toMatchObject({ error: 'application "nope" not found', 'error-code': 'not found' });
    const wrongType = await env.client.call('Application', 22, 'AddUnits', {
      application: 'kv',
      'num-units': 'two',
    });
    expect(wrongType).toMatchObject({
      error: 'num-units: expected a number, got the string "two"',
      'error-code': 'bad request',
    });
  });

  it('streams changes and removals through the AllWatcher until stopped', async () => {
    const { 'watcher-id': id } = await env.client.ok('Client', 8, 'WatchAll');
    const snapshot = await env.client.ok('AllWatcher', 3, 'Next', {}, id);
    const kinds = new Set((snapshot.deltas as [string][]).map(([kind]) => kind));
    expect([...kinds]).toEqual(
      expect.arrayContaining(['model', 'machine', 'application', 'unit', 'relation', 'charm']),
    );
    const pending = env.client.ok('AllWatcher', 3, 'Next', {}, id);
    await env.client.ok('Application', 22, 'DestroyUnit', { units: [{ 'unit-tag': 'unit-kv-2' }] });
    const removals: [string, string, Wire][] = [];
    let next = await pending;
    for (;;) {
      removals.push(
        ...(next.deltas as [string, string, Wire][]).filter(
          ([kind, change]) => kind === 'unit' && change === 'remove',
        ),
      );
      if (removals.length > 0) break;
      next = await env.client.ok('AllWatcher', 3, 'Next', {}, id);
    }
    expect(removals[0]?.[2]).toMatchObject({ name: 'kv/2', application: 'kv', 'model-uuid': env.model.uuid });
    const blocked = env.client.call('AllWatcher', 3, 'Next', {}, id);
    await env.client.ok('AllWatcher', 3, 'Stop', {}, id);
    expect(await blocked).toMatchObject({ error: 'watcher was stopped', 'error-code': 'stopped' });
    const unknown = await env.client.call('AllWatcher', 3, 'Next', {}, id);
    expect(unknown).toMatchObject({ error: 'unknown watcher id', 'error-code': 'not found' });
  });

  it('removes relations and applications, and keeps their machines as Juju does', async () => {
    await deployBundle(
      env.client,
      env.model.uuid,
      'applications:\n  easyrsa: {charm: easyrsa, channel: 1.35/stable, num_units: 1}\n',
    );
    await env.client.ok('Application', 22, 'AddRelation', { endpoints: ['kv', 'easyrsa'] });
    const active = await waitForStatus(env.client, (s) =>
      Object.values<Wire>(s.applications.kv.units).every((u) => u['workload-status'].status === 'active'),
    );
    expect(active.relations.map((r: Wire) => r.key)).toContain('kv:certificates easyrsa:client');
    await env.client.ok('Application', 22, 'DestroyRelation', {
      endpoints: ['kv:certificates', 'easyrsa:client'],
    });
    const again = await waitForStatus(env.client, (s) =>
      Object.values<Wire>(s.applications.kv.units).every((u) => u['workload-status'].status === 'blocked'),
    );
    expect(again.relations.map((r: Wire) => r.key)).not.toContain('kv:certificates easyrsa:client');
    const machines = Object.keys(again.machines).length;
    const destroyed = await env.client.ok('Application', 22, 'DestroyApplication', {
      applications: [{ 'application-tag': 'application-kv', force: false }],
    });
    expect(destroyed.results[0].info['destroyed-units'].map((u: Wire) => u.tag)).toEqual([
      'unit-kv-0',
      'unit-kv-1',
    ]);
    const gone = await waitForStatus(env.client, (s) => s.applications.kv === undefined);
    expect(Object.keys(gone.machines)).toHaveLength(machines);
  });

  it('annotates entities', async () => {
    const set = await env.client.ok('Annotations', 2, 'Set', {
      annotations: [
        { entity: 'application-easyrsa', annotations: { 'gui-x': '90' } },
        { entity: 'application-ghost', annotations: {} },
      ],
    });
    expect(set.results).toEqual([
      {},
      { error: { message: 'application-ghost not found', code: 'not found' } },
    ]);
    const got = await env.client.ok('Annotations', 2, 'Get', { entities: [{ tag: 'application-easyrsa' }] });
    expect(got.results[0]).toEqual({ entity: 'application-easyrsa', annotations: { 'gui-x': '90' } });
  });
});
