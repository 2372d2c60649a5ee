import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployBundle } from './support/deploy-bundle.js';
import { allUnits, type Env, startEnv } from './support/env.js';
import { SchemaChecker } from './support/schema.js';
import { type Wire, WireClient } from './support/wire.js';

const SMALL_BUNDLE = `
series: noble
applications:
  easyrsa: {charm: easyrsa, channel: 1.35/stable, num_units: 1, constraints: cores=1 mem=2G}
  etcd: {charm: etcd, channel: 1.35/stable, num_units: 1, expose: true, annotations: {gui-x: '1'}}
relations:
- [etcd:certificates, easyrsa:client]
`;

/**
 * Drives every implemented method (successes and per-item/frame errors) and returns the frames, so each
 * reply can be checked against the official schema of the facade version it was served at.
 */
async function exercise(env: Env, checker: SchemaChecker): Promise<WireClient[]> {
  const v = (facade: string) => checker.version(facade) ?? 0;
  const { sim } = env;
  const controller = await WireClient.connect(sim.controllerUrl, sim.caCert);
  await controller.call('Client', v('Client'), 'FullStatus', { patterns: [] });
  await controller.login(sim.user, 'wrong');
  await controller.login(sim.user, sim.password);
  await controller.ok('Pinger', 1, 'Ping');
  const qualifier = v('ModelManager') >= 11 ? { qualifier: sim.user } : { 'owner-tag': `user-${sim.user}` };
  const created = await controller.ok('ModelManager', v('ModelManager'), 'CreateModel', {
    name: 'schema',
    ...qualifier,
  });
  await controller.call('ModelManager', v('ModelManager'), 'CreateModel', { name: 'schema', ...qualifier });
  await controller.ok('ModelManager', v('ModelManager'), 'ListModels', { tag: `user-${sim.user}` });
  await controller.ok('ModelManager', v('ModelManager'), 'ListModelSummaries', {
    'user-tag': `user-${sim.user}`,
  });
  await controller.ok('ModelManager', v('ModelManager'), 'ModelInfo', {
    entities: [{ tag: `model-${created.uuid}` }, { tag: 'model-00000000-0000-4000-8000-000000000000' }],
  });
  await controller.ok('Bundle', v('Bundle'), 'GetChangesMapArgs', { bundleURL: '', yaml: SMALL_BUNDLE });

  const client = env.client;
  const hasWatcher = checker.version('AllWatcher') !== undefined;
  const watcherId = hasWatcher
    ? (await client.ok('Client', v('Client'), 'WatchAll'))['watcher-id']
    : undefined;
  if (watcherId) await client.ok('AllWatcher', v('AllWatcher'), 'Next', {}, watcherId);
  await client.ok('Charms', v('Charms'), 'ResolveCharms', {
    resolve: [
      {
        reference: 'ch:kubernetes-worker',
        'charm-origin': { source: 'charm-hub', type: 'charm', id: '', track: '1.35', risk: 'stable' },
      },
      { reference: 'no-such-charm', 'charm-origin': { source: 'charm-hub', type: 'charm', id: '' } },
    ],
  });
  await client.ok('Charms', v('Charms'), 'CharmInfo', { url: 'ch:amd64/noble/etcd-772' });
  await client.ok('Bundle', v('Bundle'), 'GetChangesMapArgs', {
    bundleURL: '',
    yaml: 'applications: {x: {charm: nope}}',
  });
  await deployBundle(client, env.model.uuid, SMALL_BUNDLE, {
    bundle: v('Bundle'),
    application: v('Application'),
    charms: v('Charms'),
    machineManager: v('MachineManager'),
  });
  await client.ok('Application', v('Application'), 'DeployFromRepository', {
    Args: [
      {
        CharmName: 'ubuntu',
        ApplicationName: 'edge-box',
        channel: 'latest/stable',
        'num-units': 1,
        Placement: [{ scope: env.model.uuid, directive: 'zone=edge-c' }],
      },
      { CharmName: 'nope', ApplicationName: 'nope' },
    ],
  });
  await client.ok('Application', v('Application'), 'AddUnits', {
    application: 'etcd',
    'num-units': 1,
    placement: [],
  });
  await client.ok('Application', v('Application'), 'SetConfigs', {
    Args: [
      { application: 'etcd', config: { port: '2380' }, generation: 'master' },
      { application: 'etcd', config: { bogus: 'x' } },
    ],
  });
  await client.ok('Application', v('Application'), 'SetConstraints', {
    application: 'etcd',
    constraints: { cores: 4 },
  });
  await client.ok('Application', v('Application'), 'Get', { application: 'etcd', branch: 'master' });
  await client.ok('Application', v('Application'), 'Expose', {
    application: 'easyrsa',
    'exposed-endpoints': { client: { 'expose-to-cidrs': ['10.0.0.0/8'] } },
  });
  await client.ok('Application', v('Application'), 'Unexpose', {
    application: 'easyrsa',
    'exposed-endpoints': [],
  });
  await client.call('Application', v('Application'), 'AddRelation', {
    endpoints: ['etcd:db', 'easyrsa:client'],
  });
  await client.ok('Annotations', v('Annotations'), 'Set', {
    annotations: [
      { entity: 'application-etcd', annotations: { owner: 'edge' } },
      { entity: 'application-ghost', annotations: {} },
    ],
  });
  await client.ok('Annotations', v('Annotations'), 'Get', { entities: [{ tag: 'application-etcd' }] });
  const machines = await client.ok('MachineManager', v('MachineManager'), 'AddMachines', {
    params: [
      {
        jobs: ['JobHostUnits'],
        constraints: { cores: 1, tags: ['virtual'] },
        base: { name: 'ubuntu', channel: '24.04' },
      },
      { jobs: ['JobHostUnits'], constraints: {}, placement: { scope: env.model.uuid, directive: 'bogus=1' } },
    ],
  });
  // Wait until everything is up, so FullStatus and the watcher carry every kind of entity with real data.
  const { 'watcher-id': waitId } = hasWatcher
    ? await client.ok('Client', v('Client'), 'WatchAll')
    : { 'watcher-id': undefined };
  for (;;) {
    const status = await client.ok('Client', v('Client'), 'FullStatus', { patterns: [] });
    const units = allUnits(status);
    const machineUp = status.machines[machines.machines[0].machine]?.['agent-status'].status === 'started';
    if (machineUp && units.length === 4 && units.every(([, u]) => u['workload-status'].status === 'active'))
      break;
    if (waitId) await client.ok('AllWatcher', v('AllWatcher'), 'Next', {}, waitId);
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await client.ok('Client', v('Client'), 'FullStatus', { patterns: ['etcd'] });
  const op = await client.ok('Action', v('Action'), 'EnqueueOperation', {
    actions: [{ receiver: 'unit-etcd-0', name: 'snapshot' }],
  });
  await client.ok('Action', v('Action'), 'Operations', {
    entities: [{ tag: `operation-${op.operation}` }, { tag: 'operation-999' }],
  });
  await client.ok('Action', v('Action'), 'Actions', { entities: [{ tag: op.actions[0].action.tag }] });
  await client.ok('Application', v('Application'), 'ResolveUnitErrors', {
    tags: { entities: [{ tag: 'unit-etcd-0' }] },
  });
  await client.ok('MachineManager', v('MachineManager'), 'RetryProvisioning', {
    all: false,
    machines: ['machine-0'],
  });
  await client.ok('Application', v('Application'), 'DestroyRelation', {
    endpoints: ['etcd:certificates', 'easyrsa:client'],
  });
  await client.ok('Application', v('Application'), 'DestroyUnit', {
    units: [{ 'unit-tag': 'unit-etcd-1' }, { 'unit-tag': 'unit-etcd-9' }],
  });
  await client.ok('Application', v('Application'), 'DestroyApplication', {
    applications: [{ 'application-tag': 'application-edge-box', force: false }],
  });
  await client.ok('MachineManager', v('MachineManager'), 'DestroyMachineWithParams', {
    'machine-tags': [`machine-${machines.machines[0].machine}`, 'machine-0'],
  });
  if (watcherId) {
    await client.ok('AllWatcher', v('AllWatcher'), 'Next', {}, watcherId);
    await client.ok('AllWatcher', v('AllWatcher'), 'Stop', {}, watcherId);
    await client.call('AllWatcher', v('AllWatcher'), 'Next', {}, watcherId);
  }
  if (waitId) await client.ok('AllWatcher', v('AllWatcher'), 'Stop', {}, waitId);
  await controller.ok('ModelManager', v('ModelManager'), 'DestroyModels', {
    models: [{ 'model-tag': `model-${created.uuid}` }],
  });
  controller.close();
  return [controller, client];
}

function problems(clients: WireClient[], checker: SchemaChecker): { checked: number; problems: string[] } {
  const frames = clients.flatMap((client) => client.frames);
  return {
    checked: frames.length,
    problems: frames.flatMap(({ request, reply }) => checker.check(request, reply)),
  };
}

describe.each([
  ['3.6.14', 'schema-3.6.14.json'],
  ['4.0.12', 'schema.json'],
] as const)('every frame of Juju %s validates against its official schema', (jujuVersion, file) => {
  let env: Env;
  const checker = new SchemaChecker(file);
  beforeAll(async () => {
    env = await startEnv({ jujuVersion });
  });
  afterAll(async () => {
    await env.close();
  });

  it('has no schema violations beyond the documented wire quirks', async () => {
    const clients = await exercise(env, checker);
    const result = problems(clients, checker);
    expect(result.problems).toEqual([]);
    const methods = new Set(
      clients.flatMap((c) => c.frames.map((f) => `${f.request.type}.${f.request.request}`)),
    );
    expect(methods.size).toBeGreaterThanOrEqual(jujuVersion === '3.6.14' ? 33 : 30);
    expect(result.checked).toBeGreaterThan(50);
  });

  it('catches a frame that breaks the schema (the checker can fail)', () => {
    const bad = { 'request-id': 1, response: { 'user-models': [{ model: { name: 1 } }] } };
    const request = {
      'request-id': 1,
      type: 'ModelManager',
      version: checker.version('ModelManager'),
      request: 'ListModels',
    };
    expect(checker.check(request, bad as Wire as never).length).toBeGreaterThan(0);
  });
});
