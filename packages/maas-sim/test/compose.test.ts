import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MaasSim, ManualClock, PHASE_MS, startMaasSim } from '../src/index.js';
import { machineByHostname, Wire } from './support/wire.js';

let sim: MaasSim;
let wire: Wire;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock();
  sim = await startMaasSim({ seed: 5, clock });
  wire = new Wire(sim);
});
afterEach(() => sim.close());

async function hostNamed(name: string) {
  const list = await wire.get('/vm-hosts/');
  return list.json.find((h: { name: string }) => h.name === name);
}

/** Empties a demo host and gives it `cores` physical cores, to replay the worked examples exactly. */
function bareHost(name: string, cores: number, memory: number): number {
  const host = sim.state.data.vmHosts.find((h) => h.name === name);
  if (!host) throw new Error(name);
  const vmMachines = new Set(
    sim.state.data.virtualMachines.filter((vm) => vm.hostId === host.id).map((vm) => vm.machineId),
  );
  sim.state.data.machines = sim.state.data.machines.filter((m) => !vmMachines.has(m.id));
  sim.state.data.virtualMachines = sim.state.data.virtualMachines.filter((vm) => vm.hostId !== host.id);
  host.cores = cores;
  host.memory = memory;
  sim.state.touch();
  return host.id;
}

describe('compose admission (maas-api.md §4.4)', () => {
  it('worked example: 8 cores × ratio 1.5 admits up to 12 vCPU, then answers 503 with MAAS text', async () => {
    const id = bareHost('kvm-a1', 8, 65536);
    await wire.put(`/vm-hosts/${id}/`, { cpu_over_commit_ratio: 1.5 });
    expect((await wire.post(`/vm-hosts/${id}/`, 'compose', { cores: 8, memory: 2048 })).status).toBe(200);
    expect((await wire.post(`/vm-hosts/${id}/`, 'compose', { cores: 4, memory: 2048 })).status).toBe(200);
    const over = await wire.post(`/vm-hosts/${id}/`, 'compose', { cores: 1, memory: 2048 });
    expect(over.status).toBe(503);
    expect(over.headers.get('retry-after')).toBeNull();
    expect(over.text).toBe(
      "Unable to compose KVM instance in 'kvm-a1'. CPU overcommit ratio is 1.5 and there are -4 available resources; 1 requested.",
    );
    // `available` ignores the ratio and goes negative (maas-ui #2564).
    const host = (await wire.get(`/vm-hosts/${id}/`)).json;
    expect(host.used.cores).toBe(12);
    expect(host.available.cores).toBe(-4);
  });

  it('counts hugepages-backed memory and reports memory over-commit after CPU in one message', async () => {
    const id = bareHost('kvm-b1', 4, 8192);
    await wire.put(`/vm-hosts/${id}/`, { cpu_over_commit_ratio: 1 });
    expect(
      (await wire.post(`/vm-hosts/${id}/`, 'compose', { cores: 4, memory: 6144, hugepages_backed: 'true' }))
        .status,
    ).toBe(200);
    const over = await wire.post(`/vm-hosts/${id}/`, 'compose', { cores: 1, memory: 4096 });
    expect(over.status).toBe(503);
    expect(over.text).toBe(
      "Unable to compose KVM instance in 'kvm-b1'. CPU overcommit ratio is 1.0 and there are 0 available resources; 1 requested.Memory overcommit ratio is 1.0 and there are 2048 available resources; 4096 requested.",
    );
  });

  it('caps one VM at the host size, enforces 1024 MiB minimum, unique hostname and numeric ids', async () => {
    const host = await hostNamed('kvm-a1');
    const big = await wire.post(`/vm-hosts/${host.id}/`, 'compose', { cores: 33, memory: 512 });
    expect(big.status).toBe(400);
    expect(big.json).toEqual({
      cores: ['Ensure this value is less than or equal to 32.'],
      memory: ['Ensure this value is greater than or equal to 1024.'],
    });
    const dup = await wire.post(`/vm-hosts/${host.id}/`, 'compose', { hostname: 'vm-a1-1' });
    expect(dup.status).toBe(400);
    expect(Object.keys(dup.json)).toEqual(['hostname']);
    const byName = await wire.post(`/vm-hosts/${host.id}/`, 'compose', { zone: 'edge-b' });
    expect(byName.json).toEqual({
      zone: ['Select a valid choice. That choice is not one of the available choices.'],
    });
    const zones = (await wire.get('/zones/')).json;
    const edgeB = zones.find((z: { name: string }) => z.name === 'edge-b');
    const ok = await wire.post(`/vm-hosts/${host.id}/`, 'compose', { zone: edgeB.id, hostname: 'placed-b' });
    expect(ok.status).toBe(200);
    expect((await wire.get(`/machines/${ok.json.system_id}/`)).json.zone.name).toBe('edge-b');
  });

  it('never over-commits storage: a disk larger than the pool fails', async () => {
    const host = await hostNamed('kvm-c1');
    const res = await wire.post(`/vm-hosts/${host.id}/`, 'compose', { storage: 'root:2500(default)' });
    expect(res.status).toBe(500);
    expect(res.text).toContain("Not enough storage space in pool 'default'");
    const fits = await wire.post(`/vm-hosts/${host.id}/`, 'compose', {
      storage: 'root:100(default),data:500',
    });
    expect(fits.status).toBe(200);
    const after = await hostNamed('kvm-c1');
    expect(after.storage_pools[0].used).toBe(host.storage_pools[0].used + 600_000_000_000);
  });

  it('counts only the tracked project: other-project VMs show in /virtual-machines/ but not in used', async () => {
    const host = await hostNamed('kvm-a2');
    expect(host.used.cores).toBe(6);
    expect(host.used.memory).toBe(12288);
    const vms = (await wire.get('/virtual-machines/')).json.filter(
      (vm: { bmc_id: number }) => vm.bmc_id === host.id,
    );
    expect(vms.map((vm: { project: string }) => vm.project).sort()).toEqual(['default', 'maas', 'maas']);
    const other = vms.find((vm: { project: string }) => vm.project === 'default');
    expect(other).toMatchObject({ unpinned_cores: 4, memory: 16384, machine_id: null });
  });
});

describe('composed machines', () => {
  it('commission to Ready and carry pod, virtualmachine_id and the host tags', async () => {
    const host = await hostNamed('kvm-a1');
    await wire.post(`/vm-hosts/${host.id}/`, 'add_tag', { tag: 'edge' });
    const composed = await wire.post(`/vm-hosts/${host.id}/`, 'compose', {
      cores: 2,
      memory: 4096,
      hostname: 'worker-1',
    });
    const id = composed.json.system_id;
    const m = (await wire.get(`/machines/${id}/`)).json;
    expect(m.status_name).toBe('Commissioning');
    expect(m.pod).toEqual({ id: host.id, name: 'kvm-a1', resource_uri: `/MAAS/api/2.0/pods/${host.id}/` });
    expect(m.virtualmachine_id).toEqual(expect.any(Number));
    expect(m.tag_names).toEqual(expect.arrayContaining(['edge', 'virtual']));
    clock.advance(PHASE_MS.commissioning + PHASE_MS.testing);
    expect((await wire.get(`/machines/${id}/`)).json.status_name).toBe('Ready');
    expect(
      (await wire.get('/machines/', { pod: 'kvm-a1' })).json.map((x: { hostname: string }) => x.hostname),
    ).toContain('worker-1');
  });

  it('allocate composes a dynamic VM when no machine matches, and release deletes it', async () => {
    const before = await hostNamed('kvm-b2');
    const res = await wire.post('/machines/', 'allocate', {
      zone: 'edge-b',
      cpu_count: 30,
      mem: 8192,
      pod: 'kvm-b2',
    });
    expect(res.status).toBe(200);
    expect(res.json.status_name).toBe('Allocated');
    expect(res.json.pod.name).toBe('kvm-b2');
    expect(res.json.cpu_count).toBe(30);
    expect((await hostNamed('kvm-b2')).used.cores).toBe(before.used.cores + 30);
    await wire.post(`/machines/${res.json.system_id}/`, 'release', {});
    clock.advance(PHASE_MS.releasing);
    expect((await wire.get(`/machines/${res.json.system_id}/`)).status).toBe(404);
    expect((await hostNamed('kvm-b2')).used.cores).toBe(before.used.cores);
  });

  it('delete with decompose removes the VMs; without it they stay as plain machines', async () => {
    const a = await hostNamed('kvm-a1');
    const vmA = await machineByHostname(wire, 'vm-a1-1');
    expect((await wire.delete(`/vm-hosts/${a.id}/`, { decompose: 'true' })).status).toBe(204);
    expect((await wire.get(`/machines/${vmA.system_id}/`)).status).toBe(404);
    const b = await hostNamed('kvm-b1');
    const vmB = await machineByHostname(wire, 'vm-b1-1');
    await wire.delete(`/vm-hosts/${b.id}/`);
    expect((await wire.get(`/machines/${vmB.system_id}/`)).json.pod).toBeNull();
    expect((await wire.get(`/vm-hosts/${b.id}/`)).status).toBe(404);
  });

  it('deploy register_vmhost turns a machine into a VM host whose hints arrive after sync', async () => {
    const m = await machineByHostname(wire, 'metal-a1');
    await wire.post(`/machines/${m.system_id}/`, 'deploy', { register_vmhost: 'true' });
    clock.advance(PHASE_MS.deploying);
    const host = await hostNamed('metal-a1');
    expect(host.host.system_id).toBe(m.system_id);
    expect(host.total.cores).toBe(0);
    const early = await wire.post(`/vm-hosts/${host.id}/`, 'compose', {});
    expect(early.status).toBe(400);
    expect(early.json.cores).toEqual(['Ensure this value is less than or equal to 0.']);
    clock.advance(PHASE_MS.vmHostSync);
    expect((await hostNamed('metal-a1')).total.cores).toBe(24);
    expect((await wire.post(`/vm-hosts/${host.id}/`, 'compose', {})).status).toBe(200);
  });

  it('a new VM host has zero hints until synced, or until refresh runs discovery', async () => {
    const created = await wire.post('/vm-hosts/', null, {
      type: 'lxd',
      power_address: '10.20.0.9:8443',
      name: 'lab',
      zone: 'edge-a',
      tags: 'lab,ssd',
    });
    expect(created.json).toMatchObject({
      name: 'lab',
      tags: ['lab', 'ssd'],
      total: { cores: 0, memory: 0, local_storage: 0 },
    });
    expect(created.json.zone.name).toBe('edge-a');
    const refreshed = await wire.post(`/vm-hosts/${created.json.id}/`, 'refresh');
    expect(refreshed.json.total.cores).toBe(16);
    expect(refreshed.json.storage_pools).toHaveLength(1);
  });
});

describe('MAAS versions', () => {
  it('master: every VM-host path is 410 Gone and deploy refuses register_vmhost', async () => {
    const master = await startMaasSim({ maasVersion: 'master', seed: 5 });
    try {
      const w = new Wire(master);
      for (const path of ['/vm-hosts/', '/pods/', '/vm-hosts/1/', '/pods/1/', '/virtual-machines/']) {
        const res = await w.get(path);
        expect(res.status).toBe(410);
        expect(res.text).toBe('VM host (KVM) support has been removed from MAAS.');
      }
      expect((await w.post('/vm-hosts/1/', 'compose', {})).status).toBe(410);
      const m = await machineByHostname(w, 'metal-a1');
      const deploy = await w.post(`/machines/${m.system_id}/`, 'deploy', { register_vmhost: 'true' });
      expect(deploy.status).toBe(400);
      const tooBig = await w.post('/machines/', 'allocate', { cpu_count: 100 });
      expect(tooBig.status).toBe(409);
      expect((await w.get('/version/', {}, false)).json.version).toMatch(/^3\.9\.0/);
    } finally {
      await master.close();
    }
  });

  it('2.9 and 3.8 report their versions; 2.9 VM hosts have no version field', async () => {
    for (const [version, prefix] of [
      ['2.9', '2.9.'],
      ['3.8', '3.8.0'],
    ] as const) {
      const s = await startMaasSim({ maasVersion: version, seed: 5 });
      try {
        const w = new Wire(s);
        expect((await w.get('/version/', {}, false)).json.version.startsWith(prefix)).toBe(true);
        const host = (await w.get('/vm-hosts/')).json[0];
        expect('version' in host).toBe(version !== '2.9');
      } finally {
        await s.close();
      }
    }
  });
});
