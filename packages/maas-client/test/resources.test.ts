import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MaasClient } from '../src/index.js';
import { type Loopback, loopbackClient, startLoopback } from './support/loopback.js';
import { machine } from './support/objects.js';

let server: Loopback;
let client: MaasClient;

const zone = { id: 1, name: 'edge-a', description: '', resource_uri: '/z/' };
const vlan = {
  id: 5001,
  vid: 0,
  name: 'untagged',
  mtu: 1500,
  fabric_id: 0,
  dhcp_on: true,
  resource_uri: '/v/',
};
const subnet = {
  id: 1,
  name: '10.0.0.0/24',
  cidr: '10.0.0.0/24',
  vlan,
  gateway_ip: null,
  dns_servers: [],
  rdns_mode: 2,
  active_discovery: false,
  allow_proxy: true,
  managed: true,
  resource_uri: '/s/',
};
const vmHost = {
  id: 7,
  name: 'kvm-a1',
  type: 'lxd',
  architectures: ['amd64/generic'],
  capabilities: ['composable'],
  tags: ['edge'],
  zone,
  pool: zone,
  host: { system_id: 'h0st01' },
  cpu_over_commit_ratio: 4,
  memory_over_commit_ratio: 1,
  storage_pools: [],
  total: { cores: 32, memory: 131072, local_storage: 2e12 },
  used: { cores: 6, memory: 12288, local_storage: 6e10 },
  available: { cores: 26, memory: 118784, local_storage: 1.94e12 },
  resource_uri: '/MAAS/api/2.0/vm-hosts/7/',
};

/** Answers with a body of the right shape for whatever was asked, so each call's wire can be checked. */
function answer(url: string, method: string) {
  if (method === 'DELETE') return { status: 204 };
  if (url.includes('op=query_power_state')) return { body: { state: 'on' } };
  if (url.includes('op=compose')) return { body: { system_id: 'vm0001', resource_uri: '/m/' } };
  if (url.includes('op=parameters')) return { body: { power_address: '10.0.0.5:8443', password: 'x' } };
  if (url.includes('op=is_importing')) return { body: false };
  if (url.includes('op=statistics'))
    return {
      body: {
        num_available: 1,
        largest_available: 1,
        num_unavailable: 0,
        total_addresses: 254,
        usage: 0.1,
        usage_string: '10%',
        available_string: '90%',
        first_address: '10.0.0.1',
        last_address: '10.0.0.254',
        ip_version: 4,
      },
    };
  if (url.includes('op=update_nodes')) return { body: { added: 1, removed: 0 } };
  if (url.startsWith('/MAAS/api/2.0/vm-hosts/'))
    return { body: url.endsWith('vm-hosts/') && method === 'GET' ? [vmHost] : vmHost };
  if (url.startsWith('/MAAS/api/2.0/machines/') && method === 'POST') return { body: machine('abc') };
  if (url.startsWith('/MAAS/api/2.0/machines/') && method === 'PUT') return { body: machine('abc') };
  if (url.startsWith('/MAAS/api/2.0/subnets/')) return { body: subnet };
  if (url.startsWith('/MAAS/api/2.0/fabrics/0/vlans/')) return { body: vlan };
  if (url.startsWith('/MAAS/api/2.0/zones/')) return { body: zone };
  if (url.startsWith('/MAAS/api/2.0/resourcepool')) return { body: zone };
  if (url.startsWith('/MAAS/api/2.0/tags/'))
    return { body: { name: 'gpu', definition: '', comment: '', kernel_opts: null, resource_uri: '/t/' } };
  if (url.startsWith('/MAAS/api/2.0/account/prefs/sshkeys/'))
    return { body: { id: 3, key: 'ssh-ed25519 AAAA', keysource: null, resource_uri: '/k/' } };
  if (url.startsWith('/MAAS/api/2.0/boot-resources/')) return { status: 200, body: '' };
  return { status: 404, body: 'unexpected' };
}

beforeAll(async () => {
  server = await startLoopback();
  server.fallback = (req) => answer(req.url, req.method);
  client = loopbackClient(server);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

type Case = [string, (c: MaasClient) => Promise<unknown>, string, string, Record<string, string | string[]>?];

const CASES: Case[] = [
  [
    'machines.deploy',
    (c) => c.machines.deploy('abc', { distro_series: 'jammy', ephemeral_deploy: false }),
    'POST',
    '/MAAS/api/2.0/machines/abc/?op=deploy',
    { distro_series: 'jammy', ephemeral_deploy: 'false' },
  ],
  [
    'machines.release',
    (c) => c.machines.release('abc', { erase: true, quick_erase: true }),
    'POST',
    '/MAAS/api/2.0/machines/abc/?op=release',
    { erase: 'true', quick_erase: 'true' },
  ],
  [
    'machines.commission',
    (c) =>
      c.machines.commission('abc', {
        enable_ssh: true,
        skip_storage: false,
        testing_scripts: ['smartctl-validate', 'memtester'],
      }),
    'POST',
    '/MAAS/api/2.0/machines/abc/?op=commission',
    { enable_ssh: '1', skip_storage: '0', testing_scripts: 'smartctl-validate,memtester' },
  ],
  [
    'machines.powerOn',
    (c) => c.machines.powerOn('abc', { comment: 'go' }),
    'POST',
    '/MAAS/api/2.0/machines/abc/?op=power_on',
    { comment: 'go' },
  ],
  [
    'machines.powerOff',
    (c) => c.machines.powerOff('abc', { stop_mode: 'soft' }),
    'POST',
    '/MAAS/api/2.0/machines/abc/?op=power_off',
    { stop_mode: 'soft' },
  ],
  [
    'machines.queryPowerState',
    (c) => c.machines.queryPowerState('abc'),
    'GET',
    '/MAAS/api/2.0/machines/abc/?op=query_power_state',
  ],
  ['machines.abort', (c) => c.machines.abort('abc'), 'POST', '/MAAS/api/2.0/machines/abc/?op=abort', {}],
  [
    'machines.lock',
    (c) => c.machines.lock('abc', { comment: 'prod' }),
    'POST',
    '/MAAS/api/2.0/machines/abc/?op=lock',
    { comment: 'prod' },
  ],
  ['machines.unlock', (c) => c.machines.unlock('abc'), 'POST', '/MAAS/api/2.0/machines/abc/?op=unlock', {}],
  [
    'machines.markBroken',
    (c) => c.machines.markBroken('abc', { comment: 'psu' }),
    'POST',
    '/MAAS/api/2.0/machines/abc/?op=mark_broken',
    { comment: 'psu' },
  ],
  [
    'machines.markFixed',
    (c) => c.machines.markFixed('abc'),
    'POST',
    '/MAAS/api/2.0/machines/abc/?op=mark_fixed',
    {},
  ],
  [
    'machines.setOwnerData',
    (c) => c.machines.setOwnerData('abc', { owner: 'edgekit', old: '' }),
    'POST',
    '/MAAS/api/2.0/machines/abc/?op=set_owner_data',
    { owner: 'edgekit', old: '' },
  ],
  [
    'machines.setWorkloadAnnotations',
    (c) => c.machines.setWorkloadAnnotations('abc', { app: 'k8s' }),
    'POST',
    '/MAAS/api/2.0/machines/abc/?op=set_workload_annotations',
    { app: 'k8s' },
  ],
  [
    'machines.delete',
    (c) => c.machines.delete('abc', { force: true }),
    'DELETE',
    '/MAAS/api/2.0/machines/abc/?force=true',
  ],
  [
    'machines.listAllocated',
    (c) => c.machines.listAllocated().catch(() => undefined),
    'GET',
    '/MAAS/api/2.0/machines/?op=list_allocated',
  ],
  [
    'vmHosts.create',
    (c) =>
      c.vmHosts.create({
        type: 'lxd',
        power_address: '10.0.0.5',
        password: 'trust',
        tags: ['edge', 'lxd'],
        zone: 'edge-a',
      }),
    'POST',
    '/MAAS/api/2.0/vm-hosts/',
    { type: 'lxd', power_address: '10.0.0.5', password: 'trust', tags: 'edge,lxd', zone: 'edge-a' },
  ],
  [
    'vmHosts.update',
    (c) =>
      c.vmHosts.update(7, {
        cpu_over_commit_ratio: 4.5,
        memory_over_commit_ratio: 1,
        default_storage_pool: 'default',
        tags: ['a'],
      }),
    'PUT',
    '/MAAS/api/2.0/vm-hosts/7/',
    {
      cpu_over_commit_ratio: '4.5',
      memory_over_commit_ratio: '1',
      default_storage_pool: 'default',
      tags: 'a',
    },
  ],
  [
    'vmHosts.compose',
    (c) =>
      c.vmHosts.compose(7, {
        cores: 2,
        pinned_cores: [0, 1],
        memory: 4096,
        storage: [{ label: 'root', sizeGB: 40, tags: ['default'] }],
        interfaces: [{ label: 'eth0', match: { subnet_cidr: '10.0.0.0/24' } }],
        zone: 1,
        skip_commissioning: true,
      }),
    'POST',
    '/MAAS/api/2.0/vm-hosts/7/?op=compose',
    {
      cores: '2',
      pinned_cores: ['0', '1'],
      memory: '4096',
      storage: 'root:40(default)',
      interfaces: 'eth0:subnet_cidr=10.0.0.0/24',
      zone: '1',
      skip_commissioning: 'true',
    },
  ],
  ['vmHosts.refresh', (c) => c.vmHosts.refresh(7), 'POST', '/MAAS/api/2.0/vm-hosts/7/?op=refresh', {}],
  ['vmHosts.parameters', (c) => c.vmHosts.parameters(7), 'GET', '/MAAS/api/2.0/vm-hosts/7/?op=parameters'],
  [
    'vmHosts.addTag',
    (c) => c.vmHosts.addTag(7, 'gpu'),
    'POST',
    '/MAAS/api/2.0/vm-hosts/7/?op=add_tag',
    { tag: 'gpu' },
  ],
  [
    'vmHosts.removeTag',
    (c) => c.vmHosts.removeTag(7, 'gpu'),
    'POST',
    '/MAAS/api/2.0/vm-hosts/7/?op=remove_tag',
    { tag: 'gpu' },
  ],
  [
    'zones.create',
    (c) => c.zones.create({ name: 'edge-d', description: 'new' }),
    'POST',
    '/MAAS/api/2.0/zones/',
    { name: 'edge-d', description: 'new' },
  ],
  [
    'zones.update',
    (c) => c.zones.update('edge-d', { description: 'x' }),
    'PUT',
    '/MAAS/api/2.0/zones/edge-d/',
    { description: 'x' },
  ],
  ['zones.delete', (c) => c.zones.delete('edge-d'), 'DELETE', '/MAAS/api/2.0/zones/edge-d/'],
  ['resourcePools.read', (c) => c.resourcePools.read('edge'), 'GET', '/MAAS/api/2.0/resourcepool/edge/'],
  [
    'tags.updateNodes',
    (c) => c.tags.updateNodes('gpu', { add: ['a', 'b'] }),
    'POST',
    '/MAAS/api/2.0/tags/gpu/?op=update_nodes',
    { add: ['a', 'b'] },
  ],
  [
    'tags.create',
    (c) => c.tags.create({ name: 'gpu', definition: '//node[@class="display"]' }),
    'POST',
    '/MAAS/api/2.0/tags/',
    { name: 'gpu', definition: '//node[@class="display"]' },
  ],
  [
    'subnets.statistics',
    (c) => c.subnets.statistics(1, { include_suggestions: true }),
    'GET',
    '/MAAS/api/2.0/subnets/1/?op=statistics&include_suggestions=true',
  ],
  [
    'vlans.update',
    (c) => c.vlans.update(0, 0, { dhcp_on: true, mtu: 9000 }),
    'PUT',
    '/MAAS/api/2.0/fabrics/0/vlans/0/',
    { dhcp_on: 'true', mtu: '9000' },
  ],
  [
    'sshKeys.create',
    (c) => c.sshKeys.create('ssh-ed25519 AAAA'),
    'POST',
    '/MAAS/api/2.0/account/prefs/sshkeys/',
    { key: 'ssh-ed25519 AAAA' },
  ],
  ['sshKeys.delete', (c) => c.sshKeys.delete(3), 'DELETE', '/MAAS/api/2.0/account/prefs/sshkeys/3/'],
  [
    'bootResources.import',
    (c) => c.bootResources.import(),
    'POST',
    '/MAAS/api/2.0/boot-resources/?op=import',
    {},
  ],
  [
    'bootResources.isImporting',
    (c) => c.bootResources.isImporting(),
    'GET',
    '/MAAS/api/2.0/boot-resources/?op=is_importing',
  ],
];

describe('every resource method speaks the MAAS wire', () => {
  it.each(CASES)('%s', async (_name, call, method, url, form) => {
    await call(client);
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe(method);
    expect(req.url).toBe(url);
    if (form === undefined) {
      expect(req.body.length).toBe(0);
      return;
    }
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const sent = new URLSearchParams(req.body.toString());
    const grouped: Record<string, string | string[]> = {};
    for (const key of new Set(sent.keys())) {
      const all = sent.getAll(key);
      grouped[key] = all.length > 1 ? all : all[0]!;
    }
    expect(grouped).toEqual(form);
  });
});
