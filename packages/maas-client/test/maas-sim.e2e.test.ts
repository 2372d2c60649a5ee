// End to end against the MAAS simulator (another engineer's independent implementation of the wire),
// so the client is exercised by something it does not share code with.
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MaasBadRequestError,
  MaasClient,
  MaasConflictError,
  MaasVmHostsRemovedError,
  machineStorageBytes,
  NodeStatus,
  vmHostFits,
  vmHostHeadroom,
} from '../src/index.js';

let sim: MaasSim;
let client: MaasClient;

beforeAll(async () => {
  sim = await startMaasSim({ site: 'demo', maasVersion: '3.7', timeScale: 6000, seed: 7 });
  client = new MaasClient({ url: sim.url, apiKey: sim.apiKey });
});
afterAll(() => sim.close());

describe('against @edgekit/maas-sim', () => {
  it('reads version, whoami and the demo site', async () => {
    expect((await client.version.read()).major).toBe(3);
    expect((await client.users.whoami()).is_superuser).toBe(true);
    const edgeA = await client.machines.list({ zone: 'edge-a' });
    expect(edgeA.length).toBeGreaterThan(0);
    expect(edgeA.every((m) => m.zone.name === 'edge-a')).toBe(true);
    expect(machineStorageBytes(edgeA[0]!)).toBeGreaterThan(0);
    const zones = (await client.zones.list()).map((z) => z.name);
    expect(zones).toEqual(expect.arrayContaining(['edge-a', 'edge-b', 'edge-c']));
    const gpu = (await client.machines.list({ hostname: 'gpu-c1' }))[0]!;
    const gpus = await client.nodeDevices.list(gpu.system_id, { hardware_type: 'gpu' });
    expect(gpus).toHaveLength(2);
  });

  it('logs in with a username and password', async () => {
    const apiKey = await MaasClient.login(sim.url, sim.adminUser, sim.adminPassword);
    expect((await new MaasClient({ url: sim.url, apiKey }).users.whoami()).username).toBe(sim.adminUser);
  });

  it('composes on a VM host after checking ratio-adjusted headroom', async () => {
    const hosts = await client.vmHosts.list();
    const host = hosts.find((h) => vmHostFits(h, { cores: 2, memoryMiB: 4096, storageBytes: 20e9 }))!;
    expect(vmHostHeadroom(host).cores).toBeGreaterThan(host.available.cores);
    const composed = await client.vmHosts.compose(host.id, {
      cores: 2,
      memory: 4096,
      storage: [{ label: 'root', sizeGB: 20, tags: ['default'] }],
      hostname: 'sdk-e2e-vm',
    });
    const vm = await client.machines.read(composed.system_id);
    expect(vm.hostname).toBe('sdk-e2e-vm');
    expect((await client.vmHosts.read(host.id)).used.cores).toBe(host.used.cores + 2);
  });

  it('lists every VM, including those in other LXD projects that MAAS does not count as used', async () => {
    const vms = await client.vmHosts.virtualMachines();
    const other = vms.filter((vm) => vm.project !== 'maas');
    expect(other.length).toBeGreaterThan(0);
    expect(other.every((vm) => vm.machine_id === null || typeof vm.machine_id === 'number')).toBe(true);
  });

  it('allocates, deploys and waits for Deployed, then releases', async () => {
    const machine = await client.machines.allocate({ zone: 'edge-b', not_tags: ['virtual'], cpu_count: 8 });
    await client.machines.deploy(machine.system_id, { distro_series: 'jammy' });
    const deployed = await client.machines.waitForStatus(machine.system_id, NodeStatus.DEPLOYED, {
      intervalMs: 50,
    });
    expect(deployed.status_name).toBe('Deployed');
    await client.machines.release(machine.system_id, { comment: 'sdk e2e' });
    await client.machines.waitForStatus(machine.system_id, 'READY', { intervalMs: 50 });
    const events = await client.events.query({ id: machine.system_id, limit: 50 });
    expect(events.events.length).toBeGreaterThan(0);
  });

  it('surfaces typed errors from the simulator', async () => {
    await expect(client.machines.allocate({ zone: 'edge-a', cpu_count: 4096 })).rejects.toBeInstanceOf(
      MaasConflictError,
    );
    await expect(client.machines.allocate({ zone: 'no-such-zone' })).rejects.toBeInstanceOf(
      MaasBadRequestError,
    );
  });
});

describe('against a MAAS that removed VM hosts', () => {
  it('raises MaasVmHostsRemovedError', async () => {
    const master = await startMaasSim({ site: 'demo', maasVersion: 'master', seed: 3 });
    try {
      const c = new MaasClient({ url: master.url, apiKey: master.apiKey });
      await expect(c.vmHosts.list()).rejects.toBeInstanceOf(MaasVmHostsRemovedError);
    } finally {
      await master.close();
    }
  });
});
