import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MaasSim, startMaasSim } from '../src/index.js';
import { fixture, shapeDiff } from './support/shape.js';
import { machineByHostname, Wire } from './support/wire.js';

/**
 * Each resource the simulator serves is compared key-for-key and type-for-type with the real MAAS
 * fixture of the same resource (fixtures/maas), without using any client schema.
 */
let sim: MaasSim;
let wire: Wire;

beforeAll(async () => {
  sim = await startMaasSim({ seed: 3 });
  wire = new Wire(sim);
});
afterAll(() => sim.close());

const expectShape = (served: unknown, fixtureName: string): void => {
  expect(shapeDiff(served, fixture(fixtureName))).toEqual([]);
};

describe('machines', () => {
  it('read matches the allocate/deploy captures and gomaasclient machine.json', async () => {
    const m = await machineByHostname(wire, 'vm-a1-1');
    const read = await wire.get(`/machines/${m.system_id}/`);
    const { constraints_by_type: _ignored, ...allocateShape } = fixture(
      'machine-allocate.maas-examples.json',
    );
    expect(shapeDiff(read.json, allocateShape)).toEqual([]);
    const { iscsiblockdevice_set: _old, ...goShape } = fixture('machine-read.gomaasclient.json');
    const extras = new Set([
      ...(await import('./support/shape.js')).DOCUMENTED_EXTRAS,
      'bios_boot_method',
      'interface_test_status',
      'interface_test_status_name',
      'link_connected',
      'interface_speed',
      'link_speed',
    ]);
    expect(shapeDiff(read.json, goShape, '$', extras)).toEqual([]);
  });

  it('allocate, deploy and release answers match their captures', async () => {
    const allocated = await wire.post('/machines/', 'allocate', { name: 'metal-b1' });
    expect(allocated.status).toBe(200);
    expectShape(allocated.json, 'machine-allocate.maas-examples.json');
    const deployed = await wire.post(`/machines/${allocated.json.system_id}/`, 'deploy', {});
    expectShape(deployed.json, 'machine-deploy.maas-examples.json');
    const released = await wire.post(`/machines/${allocated.json.system_id}/`, 'release', {});
    expectShape(released.json, 'machine-release.maas-examples.json');
  });

  it('list and tag machines match', async () => {
    expectShape((await wire.get('/machines/')).json, 'tag-machines.maas-examples.json');
    expectShape(
      (await wire.get('/tags/virtual/', { op: 'machines' })).json,
      'tag-machines.maas-examples.json',
    );
  });

  it('node interfaces and block devices match both captures', async () => {
    const m = await machineByHostname(wire, 'gpu-c1');
    const interfaces = (await wire.get(`/nodes/${m.system_id}/interfaces/`)).json;
    expectShape(interfaces, 'node-interfaces-list.maas-examples.json');
    expectShape(interfaces, 'interfaces-list.gomaasclient.json');
    expect((await wire.get(`/nodes/${m.system_id}/interfaces/${interfaces[0].id}/`)).json).toEqual(
      interfaces[0],
    );
    const disks = (await wire.get(`/nodes/${m.system_id}/blockdevices/`)).json;
    expectShape(disks, 'node-block-devices-list.maas-examples.json');
    expectShape(disks, 'block-devices-list.gomaasclient.json');
    expect((await wire.get(`/nodes/${m.system_id}/blockdevices/${disks[1].id}/`)).json).toEqual(disks[1]);
  });

  it('query_power_state matches', async () => {
    const m = await machineByHostname(wire, 'kvm-a1');
    expectShape(
      (await wire.get(`/machines/${m.system_id}/`, { op: 'query_power_state' })).json,
      'node-query-power-state.maas-examples.json',
    );
  });
});

describe('VM hosts', () => {
  it('list, read, update, refresh, parameters, create and compose match', async () => {
    const list = await wire.get('/vm-hosts/');
    expectShape(list.json, 'vm-hosts-list.maas-examples.json');
    const id = list.json[0].id;
    expectShape([(await wire.get(`/vm-hosts/${id}/`)).json], 'vm-hosts-list.maas-examples.json');
    expectShape(
      (await wire.put(`/vm-hosts/${id}/`, { cpu_over_commit_ratio: 4 })).json,
      'vm-host-update.maas-examples.json',
    );
    expectShape((await wire.post(`/vm-hosts/${id}/`, 'refresh')).json, 'vm-host-refresh.maas-examples.json');
    const params = (await wire.get(`/vm-hosts/${id}/`, { op: 'parameters' })).json;
    expect(params.power_address).toEqual(expect.any(String));
    const created = await wire.post('/vm-hosts/', null, {
      type: 'lxd',
      power_address: '10.99.0.5:8443',
      name: 'fresh',
    });
    expectShape(created.json, 'vm-host-create.maas-examples.json');
    const composed = await wire.post(`/vm-hosts/${id}/`, 'compose', { cores: 2, memory: 4096 });
    expectShape(composed.json, 'vm-host-compose.maas-examples.json');
  });

  it('/pods/ on MAAS 2.9 matches the 2.9 capture, URIs included', async () => {
    const old = await startMaasSim({ maasVersion: '2.9', seed: 3 });
    try {
      const pods = await new Wire(old).get('/pods/');
      expect(shapeDiff(pods.json, fixture('pods-list.maas-examples-2.9.json'), '$', new Set())).toEqual([]);
      expect(pods.json[0].resource_uri).toBe(`/MAAS/api/2.0/pods/${pods.json[0].id}/`);
    } finally {
      await old.close();
    }
  });

  it('the over-hints compose error has the exact body of terraform-provider-maas #162', async () => {
    const created = await wire.post('/vm-hosts/', null, {
      type: 'lxd',
      power_address: '10.99.0.6:8443',
      name: 'unsynced',
    });
    const res = await wire.post(`/vm-hosts/${created.json.id}/`, 'compose', {});
    expect(res.status).toBe(400);
    expect(res.json).toEqual(fixture('error-compose-400-field-errors.tf-issue-162.json'));
  });
});

describe('other resources', () => {
  it.each([
    ['/zones/', 'zone-read.gomaasclient.json', true],
    ['/zones/edge-a/', 'zone-read.gomaasclient.json', false],
    ['/resourcepools/', 'resource-pools-list.gomaasclient.json', false],
    ['/resourcepool/0/', 'resource-pool-read.gomaasclient.json', false],
    ['/tags/', 'tags-list.maas-examples.json', false],
    ['/tags/gpu/', 'tag-read.maas-examples.json', false],
    ['/fabrics/', 'fabrics-list.maas-examples.json', false],
    ['/fabrics/1/', 'fabric-read.maas-examples.json', false],
    ['/fabrics/1/vlans/', 'vlans-list.maas-examples.json', false],
    ['/fabrics/1/vlans/0/', 'vlan-read.maas-examples.json', false],
    ['/subnets/', 'subnets-list.maas-examples.json', false],
    ['/subnets/1/', 'subnet-read.maas-examples.json', false],
    ['/spaces/', 'spaces-list.maas-examples.json', false],
    ['/spaces/1/', 'space-read.maas-examples.json', false],
    ['/domains/', 'domains-list.maas-examples.json', false],
    ['/boot-resources/', 'boot-resources-list.gomaasclient.json', false],
    ['/boot-resources/4/', 'boot-resource-read.gomaasclient.json', false],
    ['/boot-resources/4/', 'boot-resource-read.maas-examples.json', false],
    ['/users/', 'users-list.maas-examples.json', false],
    ['/version/', 'version.maas-examples.json', false],
  ])('GET %s matches %s', async (path, name, eachOfList) => {
    const served = (await wire.get(path)).json;
    expect(served).toBeDefined();
    if (eachOfList) for (const item of served) expectShape(item, name);
    else expectShape(served, name);
  });

  it('whoami, subnet statistics, ssh keys and events match', async () => {
    expectShape((await wire.get('/users/', { op: 'whoami' })).json, 'user-whoami.maas-examples.json');
    expectShape(
      (await wire.get('/subnets/1/', { op: 'statistics' })).json,
      'subnet-statistics.maas-examples.json',
    );
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq2nlJ4yZl4pL0s4S3Vt9Zk8Vq3r2JXbq5w2r1m0cQ ops@edge';
    expect((await wire.post('/account/prefs/sshkeys/', null, { key })).status).toBe(201);
    expectShape((await wire.get('/account/prefs/sshkeys/')).json, 'ssh-keys-list.maas-examples.json');
    expectShape(
      (await wire.get('/events/', { op: 'query', limit: 5 })).json,
      'events-query.maas-examples.json',
    );
  });
});
