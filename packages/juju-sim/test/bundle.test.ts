import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployBundle } from './support/deploy-bundle.js';
import { allUnits, type Env, startEnv } from './support/env.js';
import { jujuFixture } from './support/fixtures.js';
import type { Wire } from './support/wire.js';

const CK = readFileSync(jujuFixture('bundles', 'charmed-kubernetes-1.35.bundle.yaml'), 'utf8');

describe('Charmed Kubernetes 1.35 through Bundle.GetChangesMapArgs', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(async () => {
    await env.close();
  });

  it('plans the bundle in Juju change-list format, without a mutating call', async () => {
    const before = env.sim.stats().mutatingRequests;
    const planned = await env.client.ok('Bundle', 6, 'GetChangesMapArgs', { bundleURL: '', yaml: CK });
    await env.client.ok('Charms', 7, 'ResolveCharms', {
      resolve: [
        {
          reference: 'etcd',
          'charm-origin': { source: 'charm-hub', type: 'charm', id: '', track: '1.35', risk: 'stable' },
        },
      ],
    });
    await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    expect(env.sim.stats().mutatingRequests).toBe(before);
    const changes = planned.changes as { id: string; method: string; args: Wire; requires: string[] }[];
    const count = (method: string) => changes.filter((c) => c.method === method).length;
    expect([
      count('addCharm'),
      count('deploy'),
      count('addRelation'),
      count('addUnit'),
      count('expose'),
    ]).toEqual([7, 7, 13, 10, 2]);
    expect(changes.map((c) => c.id)).toEqual(changes.map((c, i) => `${c.method}-${i}`));
    const etcd = changes.find((c) => c.method === 'deploy' && c.args.application === 'etcd')!;
    expect(etcd.args).toMatchObject({
      base: 'ubuntu@24.04',
      channel: '1.35/stable',
      constraints: 'cores=2 mem=8G root-disk=16G',
      options: { channel: '3.4/stable' },
    });
    expect(etcd.requires).toEqual([etcd.args.charm.slice(1)]);
    const relation = changes.find(
      (c) =>
        c.method === 'addRelation' && c.args.endpoint2.endsWith(':db') && c.args.endpoint1.includes(':etcd'),
    )!;
    expect(relation.requires).toHaveLength(2);
  });

  it('deploys every unit to active, control plane after etcd and workers after the control plane', async () => {
    const { 'watcher-id': watcher } = await env.client.ok('Client', 8, 'WatchAll');
    await deployBundle(env.client, env.model.uuid, CK);
    const workload = new Map<string, string>();
    const firstActive: string[] = [];
    const machinesSeen = new Set<string>();
    for (;;) {
      const { deltas } = await env.client.ok('AllWatcher', 3, 'Next', {}, watcher);
      for (const [kind, change, entity] of deltas as [string, string, Wire][]) {
        if (kind === 'machine' && change === 'change') machinesSeen.add(entity.id);
        if (kind !== 'unit' || change !== 'change') continue;
        const status = entity['workload-status'].current as string;
        if (status === 'active' && workload.get(entity.name) !== 'active') firstActive.push(entity.name);
        workload.set(entity.name, status);
      }
      if (workload.size === 20 && [...workload.values()].every((s) => s === 'active')) break;
      expect([...workload.values()]).not.toContain('error');
    }
    await env.client.ok('AllWatcher', 3, 'Stop', {}, watcher);
    const index = (prefix: string) => firstActive.findIndex((name) => name.startsWith(prefix));
    expect(index('easyrsa/')).toBeLessThan(index('etcd/'));
    expect(index('etcd/')).toBeLessThan(index('kubernetes-control-plane/'));
    expect(index('kubernetes-control-plane/')).toBeLessThan(index('kubernetes-worker/'));
    expect(machinesSeen.size).toBe(10);

    const status = await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    const units = allUnits(status);
    expect(units).toHaveLength(20);
    for (const [, unit] of units) {
      expect(unit['workload-status'].status).toBe('active');
      expect(unit['agent-status'].status).toBe('idle');
      expect(Date.parse(unit['workload-status'].since)).not.toBeNaN();
    }
    expect(Object.keys(status.machines)).toHaveLength(10);
    for (const machine of Object.values<Wire>(status.machines)) {
      expect(machine['agent-status'].status).toBe('started');
      const maasMachine = await env.maas.machines.read(machine['instance-id']);
      expect(maasMachine.status_name).toBe('Deployed');
      expect(maasMachine.cpu_count).toBeGreaterThanOrEqual(1);
    }
    const worker =
      status.machines[status.applications['kubernetes-worker'].units['kubernetes-worker/0'].machine];
    expect(worker.constraints).toBe('cores=2 mem=8192M root-disk=16384M');
    expect(status.relations).toHaveLength(13 + 4);
    expect(status.relations.every((r: Wire) => r.status.status === 'joined')).toBe(true);
    expect(status.applications.calico.units).toBeNull();
    expect(status.applications.calico['subordinate-to']).toEqual([
      'kubernetes-control-plane',
      'kubernetes-worker',
    ]);
    expect(status.applications['kubeapi-load-balancer'].exposed).toBe(true);
    expect(status.applications.etcd.relations).toMatchObject({
      db: ['calico', 'kubernetes-control-plane'],
      cluster: ['etcd'],
    });
  });

  it('runs actions on the deployed units', async () => {
    const queued = await env.client.ok('Action', 7, 'EnqueueOperation', {
      actions: [
        { receiver: 'unit-etcd-0', name: 'health', parameters: {} },
        { receiver: 'unit-etcd-1', name: 'no-such-action' },
      ],
    });
    expect(queued.actions[0].status).toBe('pending');
    expect(queued.actions[1].error.message).toBe('action "no-such-action" not defined on unit "etcd/1"');
    const { 'watcher-id': watcher } = await env.client.ok('Client', 8, 'WatchAll');
    for (;;) {
      const ops = await env.client.ok('Action', 7, 'Operations', {
        entities: [{ tag: `operation-${queued.operation}` }],
      });
      if (ops.results[0].status === 'completed') {
        expect(ops.results[0].actions[0].output).toMatchObject({ result: 'cluster is healthy' });
        break;
      }
      await env.client.ok('AllWatcher', 3, 'Next', {}, watcher);
    }
  });
});

describe('bundle verification errors', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(async () => {
    await env.close();
  });

  const plan = (yaml: string) => env.client.ok('Bundle', 6, 'GetChangesMapArgs', { bundleURL: '', yaml });

  it('lists every problem instead of changes', async () => {
    const broken = `
applications:
  etcd:
    charm: etcd
    num_units: 1
    constraints: cores=2 flavour=big
  mystery:
    charm: not-in-the-store
relations:
- [etcd:db, nowhere:db]
- [etcd:certificates, etcd:db]
`;
    const result = await plan(broken);
    expect(result.changes).toBeUndefined();
    expect(result.errors).toEqual([
      'invalid constraints "cores=2 flavour=big" in application "etcd": unknown constraint "flavour"',
      'cannot resolve charm or bundle "not-in-the-store": charm or bundle not found',
      'relation ["etcd:db" "nowhere:db"] refers to application "nowhere" not defined in this bundle',
      'invalid relation ["etcd:certificates" "etcd:db"]: no relations found between etcd:certificates and etcd:db',
    ]);
  });

  it('reports unparseable YAML and empty bundles', async () => {
    expect((await plan('applications: [unclosed')).errors[0]).toMatch(/^cannot unmarshal bundle contents/);
    expect((await plan('name: empty\n')).errors).toEqual(['bundle has no applications']);
  });

  it('rejects relations the charms cannot make when added directly', async () => {
    await deployBundle(
      env.client,
      env.model.uuid,
      'applications:\n  etcd: {charm: etcd, channel: 1.35/stable}\n  easyrsa: {charm: easyrsa, channel: 1.35/stable}\n',
    );
    const wrong = await env.client.call('Application', 22, 'AddRelation', {
      endpoints: ['etcd:db', 'easyrsa:client'],
    });
    expect(wrong.error).toBe('no relations found between etcd:db and easyrsa:client');
    const unknown = await env.client.call('Application', 22, 'AddRelation', {
      endpoints: ['etcd:nope', 'easyrsa'],
    });
    expect(unknown).toMatchObject({
      error: 'application "etcd" has no "nope" relation',
      'error-code': 'not found',
    });
    const ok = await env.client.ok('Application', 22, 'AddRelation', { endpoints: ['etcd', 'easyrsa'] });
    expect(ok.endpoints).toEqual({
      etcd: {
        name: 'certificates',
        role: 'requirer',
        interface: 'tls-certificates',
        optional: false,
        limit: 0,
        scope: 'global',
      },
      easyrsa: {
        name: 'client',
        role: 'provider',
        interface: 'tls-certificates',
        optional: false,
        limit: 0,
        scope: 'global',
      },
    });
    const dup = await env.client.call('Application', 22, 'AddRelation', {
      endpoints: ['easyrsa:client', 'etcd:certificates'],
    });
    expect(dup['error-code']).toBe('already exists');
  });
});
