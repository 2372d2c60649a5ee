import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MaasSim, ManualClock, startMaasSim } from '../src/index.js';
import { machineByHostname, Wire } from './support/wire.js';

let sim: MaasSim;
let wire: Wire;

beforeAll(async () => {
  sim = await startMaasSim({ seed: 4, clock: new ManualClock() });
  wire = new Wire(sim);
});
afterAll(() => sim.close());

describe('events', () => {
  it('pages newest first with limit, prev_uri (older) and next_uri (newer)', async () => {
    const first = await wire.get('/events/', { op: 'query', limit: 4 });
    const ids: number[] = first.json.events.map((e: { id: number }) => e.id);
    expect(first.json.count).toBe(4);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const older = await wire.raw('GET', `http://${new URL(sim.url).host}${first.json.prev_uri}`);
    const olderIds: number[] = older.json.events.map((e: { id: number }) => e.id);
    expect(Math.max(...olderIds)).toBeLessThan(Math.min(...ids));
    const newer = await wire.raw('GET', `http://${new URL(sim.url).host}${first.json.next_uri}`);
    expect(newer.json.count).toBe(0);
    const m = await machineByHostname(wire, 'metal-a1');
    await wire.post(`/machines/${m.system_id}/`, 'mark_broken', { comment: 'fan' });
    const polled = await wire.raw('GET', `http://${new URL(sim.url).host}${first.json.next_uri}`);
    expect(polled.json.events.map((e: { type: string }) => e.type)).toContain('Marked broken');
    expect(Math.min(...polled.json.events.map((e: { id: number }) => e.id))).toBeGreaterThan(
      Math.max(...ids),
    );
  });

  it('filters by level, hostname and after/before, and validates the query', async () => {
    const errors = await wire.get('/events/', { op: 'query', level: 'ERROR' });
    expect(errors.json.events.every((e: { level: string }) => ['ERROR', 'CRITICAL'].includes(e.level))).toBe(
      true,
    );
    const debug = await wire.get('/events/', { op: 'query', level: 'DEBUG', hostname: 'metal-a1' });
    expect(debug.json.events.some((e: { type: string }) => e.type === 'Node changed status')).toBe(true);
    expect(debug.json.events.every((e: { hostname: string }) => e.hostname === 'metal-a1')).toBe(true);
    const all = (await wire.get('/events/', { op: 'query', limit: 1000 })).json.events;
    const pivot = all[Math.floor(all.length / 2)].id;
    const after = await wire.get('/events/', { op: 'query', after: pivot, limit: 3 });
    expect(after.json.events.map((e: { id: number }) => e.id)).toEqual(
      [pivot + 3, pivot + 2, pivot + 1].filter((id) => all.some((e: { id: number }) => e.id === id)),
    );
    expect((await wire.get('/events/', { op: 'query', after: 1, before: 5 })).status).toBe(400);
    expect((await wire.get('/events/', { op: 'query', limit: 1001 })).status).toBe(400);
    expect(all[0].created).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]+\.? \d{4} \d{2}:\d{2}:\d{2}$/);
  });
});

describe('tags', () => {
  it('tags machines manually with update_nodes and filters by them', async () => {
    await wire.post('/tags/', null, { name: 'edge-worker', comment: 'workers' });
    const a = await machineByHostname(wire, 'metal-a1');
    const b = await machineByHostname(wire, 'metal-b1');
    const added = await wire.post('/tags/edge-worker/', 'update_nodes', { add: [a.system_id, b.system_id] });
    expect(added.json).toEqual({ added: 2, removed: 0 });
    expect((await wire.get('/tags/edge-worker/', { op: 'machines' })).json).toHaveLength(2);
    const removed = await wire.post('/tags/edge-worker/', 'update_nodes', { remove: [b.system_id] });
    expect(removed.json).toEqual({ added: 0, removed: 1 });
    expect(
      (await wire.get('/machines/', { tags: 'edge-worker' })).json.map(
        (m: { hostname: string }) => m.hostname,
      ),
    ).toEqual(['metal-a1']);
    const xpath = await wire.post('/tags/', null, { name: 'xp', definition: '//node[@id="memory"]' });
    expect(xpath.status).toBe(400);
    expect(xpath.json.definition[0]).toContain('manual tags only');
    expect((await wire.delete('/tags/edge-worker/')).status).toBe(204);
    expect((await machineByHostname(wire, 'metal-a1')).tag_names).not.toContain('edge-worker');
  });
});

describe('zones, pools, domains, network', () => {
  it('creates, updates and deletes zones, pools and domains', async () => {
    expect((await wire.post('/zones/', null, { name: 'edge-d', description: 'new' })).json.name).toBe(
      'edge-d',
    );
    expect((await wire.put('/zones/edge-d/', { description: 'changed' })).json.description).toBe('changed');
    expect((await wire.post('/zones/', null, { name: 'edge-d' })).status).toBe(400);
    expect((await wire.delete('/zones/edge-d/')).status).toBe(204);
    expect((await wire.delete('/zones/default/')).status).toBe(400);
    const pool = await wire.post('/resourcepools/', null, { name: 'gpu', description: 'GPU nodes' });
    expect(pool.json.resource_uri).toBe(`/MAAS/api/2.0/resourcepool/${pool.json.id}/`);
    expect((await wire.get('/resourcepool/gpu/')).json.id).toBe(pool.json.id);
    const domain = await wire.post('/domains/', null, { name: 'lab.example', ttl: 300 });
    expect(domain.json).toMatchObject({ name: 'lab.example', ttl: 300, is_default: false });
  });

  it('serves fabrics, VLANs, subnets with statistics, and spaces', async () => {
    const fabric = await wire.post('/fabrics/', null, { name: 'storage-net' });
    expect(fabric.json.vlans[0]).toMatchObject({ vid: 0, name: 'untagged', fabric: 'storage-net' });
    const vlan = await wire.post(`/fabrics/${fabric.json.id}/vlans/`, null, { vid: 42, name: 'storage' });
    expect(vlan.json.resource_uri).toBe(`/MAAS/api/2.0/vlans/${vlan.json.id}/`);
    expect((await wire.get(`/vlans/${vlan.json.id}/`)).json.vid).toBe(42);
    const subnet = await wire.post('/subnets/', null, {
      cidr: '192.168.50.0/24',
      vlan: vlan.json.id,
      gateway_ip: '192.168.50.1',
    });
    expect(subnet.json.vlan.vid).toBe(42);
    const stats = await wire.get(`/subnets/${subnet.json.id}/`, { op: 'statistics' });
    expect(stats.json).toMatchObject({
      total_addresses: 254,
      num_available: 253,
      first_address: '192.168.50.1',
      last_address: '192.168.50.254',
      ip_version: 4,
    });
    const used = (await wire.get('/subnets/10.10.0.0/24/', { op: 'statistics' })).status;
    expect(used).toBe(404);
    const edgeA = (await wire.get('/subnets/')).json.find((s: { cidr: string }) => s.cidr === '10.10.0.0/24');
    const edgeStats = (await wire.get(`/subnets/${edgeA.id}/`, { op: 'statistics' })).json;
    expect(edgeStats.num_unavailable).toBeGreaterThan(20);
    expect(edgeStats.usage_string).toMatch(/^\d+%$/);
    const space = (await wire.get('/spaces/')).json[0];
    expect(space.subnets.map((s: { cidr: string }) => s.cidr)).toContain('10.10.0.0/24');
  });
});

describe('account', () => {
  it('manages SSH keys (201 on create, 400 for junk) and API tokens', async () => {
    const junk = await wire.post('/account/prefs/sshkeys/', null, { key: 'not a key' });
    expect(junk.status).toBe(400);
    const key = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC5 ops@edge';
    const created = await wire.post('/account/prefs/sshkeys/', null, { key });
    expect(created.status).toBe(201);
    expect((await wire.get(`/account/prefs/sshkeys/${created.json.id}/`)).json.key).toBe(key);
    expect((await wire.delete(`/account/prefs/sshkeys/${created.json.id}/`)).status).toBe(204);
    const token = await wire.post('/account/', 'create_authorisation_token', { name: 'ci' });
    const tokens = (await wire.get('/account/', { op: 'list_authorisation_tokens' })).json;
    expect(tokens.map((t: { name: string }) => t.name)).toContain('ci');
    const ciWire = new Wire(
      sim,
      `${token.json.consumer_key}:${token.json.token_key}:${token.json.token_secret}`,
    );
    expect((await ciWire.get('/users/', { op: 'whoami' })).json.username).toBe('admin');
  });
});

describe('boot resources and node devices', () => {
  it('filters boot resources by type', async () => {
    const uploaded = await wire.get('/boot-resources/', { type: 'uploaded' });
    expect(uploaded.json.map((b: { name: string }) => b.name)).toEqual(['edge-rt']);
    expect((await wire.get('/boot-resources/', { type: 'generated' })).status).toBe(400);
    expect((await wire.get('/boot-resources/', { op: 'is_importing' })).json).toBe(false);
  });

  it('reports the two NVIDIA GPUs of gpu-c1 as MAAS 3.x node devices', async () => {
    const m = await machineByHostname(wire, 'gpu-c1');
    const gpus = await wire.get(`/nodes/${m.system_id}/devices/`, { hardware_type: 'gpu' });
    expect(gpus.json).toHaveLength(2);
    expect(gpus.json[0]).toMatchObject({
      bus: 1,
      bus_name: 'PCIE',
      hardware_type: 5,
      hardware_type_name: 'GPU',
      vendor_id: '10de',
      vendor_name: 'NVIDIA Corporation',
      commissioning_driver: 'nvidia',
      system_id: m.system_id,
    });
    const byPci = await wire.get(`/nodes/${m.system_id}/devices/${gpus.json[1].pci_address}/`);
    expect(byPci.json.id).toBe(gpus.json[1].id);
    expect((await wire.get(`/nodes/${m.system_id}/devices/`, { vendor_id: '8086' })).json).toEqual([]);
    const metal = await machineByHostname(wire, 'metal-a1');
    expect((await wire.get(`/nodes/${metal.system_id}/devices/`, { hardware_type: 'gpu' })).json).toEqual([]);
  });
});
