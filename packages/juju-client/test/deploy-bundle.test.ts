import { afterEach, describe, expect, it } from 'vitest';
import { type BundleProgress, JujuBundleError, parseBase } from '../src/index.js';
import { bundleModels } from './support/bundle-models.js';
import { caught } from './support/caught.js';
import { miniModel } from './support/mini-model.js';

// A change list in Bundle.GetChangesMapArgs form (bundlechanges): two apps, a machine, a container on
// the machine of another unit, a relation, expose and annotations. Deliberately listed out of order.
const CHANGES = [
  {
    id: 'addRelation-7',
    method: 'addRelation',
    args: { endpoint1: '$deploy-3:certificates', endpoint2: '$deploy-1:client' },
    requires: ['deploy-1', 'deploy-3'],
  },
  {
    id: 'addCharm-0',
    method: 'addCharm',
    args: { charm: 'easyrsa', channel: '1.35/stable', base: 'ubuntu@24.04' },
    requires: [],
  },
  {
    id: 'deploy-1',
    method: 'deploy',
    args: {
      charm: '$addCharm-0',
      application: 'easyrsa',
      base: 'ubuntu@24.04',
      channel: '1.35/stable',
      constraints: 'cores=1 mem=4G root-disk=16G',
    },
    requires: ['addCharm-0'],
  },
  {
    id: 'addCharm-2',
    method: 'addCharm',
    args: { charm: 'etcd', channel: '1.35/stable', base: 'ubuntu@24.04' },
    requires: [],
  },
  {
    id: 'deploy-3',
    method: 'deploy',
    args: {
      charm: '$addCharm-2',
      application: 'etcd',
      channel: '1.35/stable',
      options: { channel: '3.4/stable' },
      constraints: 'cores=2 mem=8G root-disk=16G',
    },
    requires: ['addCharm-2'],
  },
  { id: 'expose-4', method: 'expose', args: { application: '$deploy-3' }, requires: ['deploy-3'] },
  {
    id: 'setAnnotations-5',
    method: 'setAnnotations',
    args: { id: '$deploy-3', 'entity-type': 'application', annotations: { 'gui-x': '10' } },
    requires: ['deploy-3'],
  },
  {
    id: 'addMachines-6',
    method: 'addMachines',
    args: { constraints: 'cores=2 mem=8G', base: 'ubuntu@24.04' },
    requires: [],
  },
  {
    id: 'addUnit-8',
    method: 'addUnit',
    args: { application: '$deploy-1', to: '$addMachines-6' },
    requires: ['deploy-1', 'addMachines-6'],
  },
  {
    id: 'addMachines-9',
    method: 'addMachines',
    args: { 'container-type': 'lxd', 'parent-id': '$addUnit-8' },
    requires: ['addUnit-8'],
  },
  {
    id: 'addUnit-10',
    method: 'addUnit',
    args: { application: '$deploy-3', to: '$addMachines-9' },
    requires: ['deploy-3', 'addMachines-9'],
  },
  {
    id: 'addUnit-11',
    method: 'addUnit',
    args: { application: '$deploy-3' },
    requires: ['deploy-3', 'addUnit-10'],
  },
];

const models = bundleModels();
afterEach(() => models.close());
const setup = () => models.start(CHANGES);

describe('deployBundle', () => {
  it('executes the changes in dependency order with $id substitution and reports progress', async () => {
    const { model, server, client } = await setup();
    const progress: BundleProgress[] = [];
    const result = await client.deployBundle('applications: {}', {
      overlays: ['applications: {etcd: {num_units: 2}}'],
      onProgress: (e) => progress.push(e),
    });
    expect(result.executed).toBe(CHANGES.length);
    const order = progress.map((p) => p.change.id);
    for (const change of CHANGES) {
      for (const required of change.requires)
        expect(order.indexOf(required)).toBeLessThan(order.indexOf(change.id));
    }
    expect(progress.map((p) => p.index)).toEqual(CHANGES.map((_, i) => i + 1));
    expect(progress.every((p) => p.status === 'done' && p.total === CHANGES.length)).toBe(true);

    const frame = (request: string, n = 0) => server.frames.filter((f) => f.request === request)[n]?.params;
    expect(frame('GetChangesMapArgs')).toEqual({
      yaml: 'applications: {}\n---\napplications: {etcd: {num_units: 2}}',
      bundleURL: '',
    });
    expect(frame('ResolveCharms')).toMatchObject({
      resolve: [
        {
          reference: 'easyrsa',
          'charm-origin': {
            source: 'charm-hub',
            track: '1.35',
            risk: 'stable',
            base: { name: 'ubuntu', channel: '24.04' },
          },
        },
      ],
    });
    expect(frame('Deploy', 1)).toMatchObject({
      applications: [
        {
          application: 'etcd',
          'charm-url': 'ch:amd64/etcd-7',
          'config-yaml': 'etcd:\n  channel: 3.4/stable\n',
          constraints: { cores: 2, mem: 8192, 'root-disk': 16384 },
          'num-units': 0,
          Force: false,
        },
      ],
    });
    expect(frame('AddUnits', 0)).toMatchObject({
      application: 'easyrsa',
      placement: [{ scope: '#', directive: '0' }],
    });
    expect(frame('AddMachines', 1)).toMatchObject({
      params: [{ 'container-type': 'lxd', 'parent-id': '0' }],
    });
    expect(frame('AddUnits', 1)).toMatchObject({
      application: 'etcd',
      placement: [{ scope: '#', directive: '0/lxd/0' }],
    });
    expect(frame('AddRelation')).toEqual({ endpoints: ['etcd:certificates', 'easyrsa:client'] });
    expect(frame('Set')).toEqual({
      annotations: [{ entity: 'application-etcd', annotations: { 'gui-x': '10' } }],
    });
    expect(model.machines).toEqual(['0', '0/lxd/0', '1']);
    expect(result.results['addUnit-11']).toBe('etcd/1');
  });

  it('re-runs idempotently: everything FullStatus shows is skipped', async () => {
    const { model, client } = await setup();
    await client.deployBundle('bundle');
    model.mutations.length = 0;
    const progress: BundleProgress[] = [];
    const rerun = await client.deployBundle('bundle', { onProgress: (e) => progress.push(e) });
    // Annotations are not in FullStatus; setting them again is harmless.
    expect(model.mutations).toEqual(['Annotations.Set']);
    expect(rerun.skipped).toBe(CHANGES.length - 1);
    expect(progress.find((p) => p.change.id === 'addMachines-9')).toMatchObject({
      status: 'skipped',
      result: '0/lxd/0',
    });
    expect(model.machines).toEqual(['0', '0/lxd/0', '1']);
  });

  it('resumes after a failed change without duplicating machines or units', async () => {
    const { model, client } = await setup();
    model.failOnce('Application.AddUnits');
    const error = await caught<JujuBundleError>(client.deployBundle('bundle'));
    expect(error).toBeInstanceOf(JujuBundleError);
    expect(error.change).toBe('addUnit-8');
    expect(error.message).toMatch(/bundle change addUnit-8 \(addUnit\) failed: .*injected failure/);
    const resumed = await client.deployBundle('bundle');
    expect(resumed.skipped).toBeGreaterThan(0);
    expect(model.machines).toEqual(['0', '0/lxd/0', '1']);
    expect([...(model.applications.get('etcd')?.units.keys() ?? [])]).toEqual(['etcd/0', 'etcd/1']);
    expect(model.relations).toEqual(['etcd:certificates easyrsa:client']);
  });

  it('fails clearly on bundle errors and on dependency cycles', async () => {
    const model = miniModel([]);
    model.handlers['Bundle.GetChangesMapArgs'] = () => ({
      response: { errors: ['application "x" has no charm'] },
    });
    const { client } = await models.start([], model);
    const error = await caught<JujuBundleError>(client.deployBundle('bad'));
    expect(error.problems).toEqual(['application "x" has no charm']);
    model.handlers['Bundle.GetChangesMapArgs'] = () => ({
      response: {
        changes: [
          { id: 'a', method: 'expose', args: {}, requires: ['b'] },
          { id: 'b', method: 'expose', args: {}, requires: ['a'] },
        ],
      },
    });
    await expect(client.deployBundle('cyclic')).rejects.toThrow(/dependency cycle/);
  });
});

describe('parseBase', () => {
  it('reads name@channel and refuses a second @ instead of dropping what follows it (issue 14)', () => {
    expect(parseBase('ubuntu@24.04')).toEqual({ name: 'ubuntu', channel: '24.04' });
    expect(() => parseBase('ubuntu@24.04@evil')).toThrow(JujuBundleError);
    expect(() => parseBase('ubuntu@24.04@evil')).toThrow(
      /base "ubuntu@24.04@evil" is not of the form name@channel/,
    );
    expect(() => parseBase('ubuntu')).toThrow(JujuBundleError);
  });
});
