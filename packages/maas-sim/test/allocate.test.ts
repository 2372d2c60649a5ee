import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MaasSim, ManualClock, startMaasSim } from '../src/index.js';
import { machineByHostname, Wire } from './support/wire.js';

let sim: MaasSim;
let wire: Wire;

beforeAll(async () => {
  sim = await startMaasSim({ seed: 9, clock: new ManualClock() });
  wire = new Wire(sim);
});
afterAll(() => sim.close());

const dryRun = (form: Record<string, string | number | string[]>) =>
  wire.post('/machines/', 'allocate', { ...form, dry_run: 'true' });
const hostnames = (res: { json: { hostname: string }[] }) => res.json.map((m) => m.hostname).sort();

describe('allocate constraints', () => {
  it.each<[string, Record<string, string | number | string[]>, string]>([
    ['tags', { tags: 'gpu' }, 'gpu-c1'],
    ['zone', { zone: 'edge-b' }, 'metal-b1'],
    ['not_in_zone', { not_in_zone: ['edge-a', 'edge-b'] }, 'gpu-c1'],
    ['cpu_count + mem', { cpu_count: 32, mem: 131072 }, 'gpu-c1'],
    ['arch', { arch: 'amd64', zone: 'edge-a' }, 'metal-a1'],
    ['name', { name: 'metal-b1.maas' }, 'metal-b1'],
    ['pool', { pool: 'edge', zone: 'edge-c' }, 'gpu-c1'],
    ['not_tags', { not_tags: 'gpu', zone: 'edge-c' }, ''],
    ['storage (GB, root first)', { storage: 'root:900,data:3000', zone: 'edge-c' }, 'gpu-c1'],
    ['interfaces', { interfaces: 'eth0:subnet_cidr=10.11.0.0/24' }, 'metal-b1'],
    ['interfaces by space', { interfaces: 'eth0:space=edge-mgmt', zone: 'edge-a' }, 'metal-a1'],
    ['subnets', { subnets: 'ip:10.12.0.40' }, 'gpu-c1'],
    ['fabrics', { fabrics: 'fabric-2' }, 'metal-b1'],
    ['devices', { devices: 'vendor_id=10de,product_name=GA100 [A100 PCIe 80GB]' }, 'gpu-c1'],
  ])('%s', async (_label, form, expected) => {
    const res = await dryRun(form);
    if (expected === '') {
      expect(res.status).toBe(409);
    } else {
      expect(res.status).toBe(200);
      expect(res.json.hostname).toBe(expected);
    }
  });

  it('prefers the smallest machine that fits', async () => {
    expect((await dryRun({ cpu_count: 2 })).json.hostname).toMatch(/^metal-/);
  });

  it('answers 409 with MAAS text when nothing matches, and "No machine available." without constraints', async () => {
    const res = await wire.post('/machines/', 'allocate', { tags: 'gpu', zone: 'edge-a', pod: 'nope' });
    expect(res.status).toBe(409);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.text).toBe(
      "No available machine matches constraints: [('tags', ['gpu']), ('zone', ['edge-a']), ('pod', ['nope'])] (resolved to \"tags=gpu zone=edge-a pod=nope\")",
    );
  });

  it('reports unknown tags and zones as 400 field errors', async () => {
    const tag = await dryRun({ tags: 'nosuchtag' });
    expect(tag.status).toBe(400);
    expect(tag.json).toEqual({ tags: ["No such tag(s): 'nosuchtag'."] });
    const cores = await dryRun({ cpu_count: 'many' });
    expect(cores.status).toBe(400);
    expect(cores.json).toEqual({ cpu_count: ['Invalid CPU count: number required.'] });
    const zone = await dryRun({ zone: 'atlantis' });
    expect(zone.status).toBe(400);
    expect(zone.json).toEqual({ zone: ["No such zone: 'atlantis'."] });
  });

  it('returns constraints_by_type for labelled storage and interfaces', async () => {
    const res = await dryRun({ storage: 'root:100', interfaces: 'eth0:space=edge-mgmt', zone: 'edge-b' });
    const m = res.json;
    expect(m.constraints_by_type).toEqual({
      storage: { root: [m.blockdevice_set[0].id] },
      interfaces: { eth0: [m.interface_set[0].id] },
    });
  });

  it('dry_run leaves the machine Ready; a real allocate takes it and list_allocated shows it', async () => {
    const dry = await dryRun({ name: 'metal-a1' });
    expect((await wire.get(`/machines/${dry.json.system_id}/`)).json.status_name).toBe('Ready');
    const real = await wire.post('/machines/', 'allocate', { name: 'metal-a1', agent_name: 'juju-1' });
    expect(real.json.status_name).toBe('Allocated');
    const mine = await wire.get('/machines/', { op: 'list_allocated' });
    expect(hostnames(mine)).toContain('metal-a1');
    expect(
      (await wire.get('/machines/', { agent_name: 'juju-1' })).json.map(
        (m: { hostname: string }) => m.hostname,
      ),
    ).toEqual(['metal-a1']);
    const again = await wire.post('/machines/', 'allocate', { name: 'metal-a1' });
    expect(again.status).toBe(409);
  });
});

describe('list filters', () => {
  it.each<[string, Record<string, string | string[]>, string[]]>([
    ['hostname (repeated)', { hostname: ['gpu-c1', 'metal-a1'] }, ['gpu-c1', 'metal-a1']],
    ['zone + status', { zone: 'edge-c', status: 'ready' }, ['gpu-c1']],
    ['pod', { pod: 'kvm-b1' }, ['vm-b1-1', 'vm-b1-2']],
    [
      'simple_status + not_pod_type',
      { simple_status: 'deployed', not_pod_type: 'lxd', zone: 'edge-a' },
      ['kvm-a1', 'kvm-a2'],
    ],
    ['tags', { tags: 'gpu' }, ['gpu-c1']],
    ['mem + cpu_count', { mem: '500000', cpu_count: '64' }, ['gpu-c1']],
    ['domain', { domain: 'maas', hostname: 'vm-c2-2' }, ['vm-c2-2']],
    ['deployment_target', { deployment_target: 'memory' }, []],
    [
      'not_deployment_target + zone',
      { not_deployment_target: 'memory', zone: 'edge-c', status: 'ready' },
      ['gpu-c1'],
    ],
  ])('%s', async (_label, query, expected) => {
    expect(hostnames(await wire.get('/machines/', query))).toEqual(expected);
  });

  it('finds machines by MAC address', async () => {
    const m = await machineByHostname(wire, 'gpu-c1');
    const res = await wire.get('/machines/', { mac_address: m.interface_set[0].mac_address });
    expect(hostnames(res)).toEqual(['gpu-c1']);
  });
});

describe('bulk release', () => {
  it('releases several machines at once', async () => {
    const a = await wire.post('/machines/', 'allocate', { name: 'metal-b1' });
    const res = await wire.post('/machines/', 'release', { machines: [a.json.system_id] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual([a.json.system_id]);
    expect((await wire.get(`/machines/${a.json.system_id}/`)).json.status_name).toBe('Releasing');
  });
});
