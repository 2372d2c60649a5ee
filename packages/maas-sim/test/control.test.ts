import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MaasSim, ManualClock, startMaasSim } from '../src/index.js';
import { machineByHostname, Wire } from './support/wire.js';

let sim: MaasSim;
let wire: Wire;

beforeEach(async () => {
  sim = await startMaasSim({ seed: 7, clock: new ManualClock() });
  wire = new Wire(sim);
});
afterEach(() => sim.close());

const control = (name: string, action: string, method = 'POST') =>
  wire.raw(method, `${sim.url}_sim/vm-hosts/${encodeURIComponent(name)}/${action}/`, { sign: false });

async function hostId(name: string): Promise<number> {
  const hosts = (await wire.get('/vm-hosts/')).json as { id: number; name: string }[];
  const host = hosts.find((h) => h.name === name);
  if (!host) throw new Error(`no vm host ${name}`);
  return host.id;
}

describe('_sim control API: a VM host fails and is restored', () => {
  it('fail powers the host off, its VMs stop answering (power_state error), status stays Deployed', async () => {
    const res = await control('kvm-a1', 'fail');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ vm_host: 'kvm-a1', failed: true });
    expect([...res.json.machines].sort()).toEqual(['vm-a1-1', 'vm-a1-2']);

    const vm = await machineByHostname(wire, 'vm-a1-1');
    expect(vm.status_name).toBe('Deployed');
    expect(vm.power_state).toBe('error');
    const host = await machineByHostname(wire, 'kvm-a1');
    expect(host.power_state).toBe('off');
    const other = await machineByHostname(wire, 'vm-a2-1');
    expect(other.power_state).toBe('on');

    // Calls that go through the pod driver fail as MAAS's PowerProblem/PodProblem: 503, no Retry-After.
    const query = await wire.get(`/machines/${vm.system_id}/`, { op: 'query_power_state' });
    expect(query.status).toBe(503);
    expect(query.headers.get('retry-after')).toBeNull();
    expect(query.text).toContain("Failed talking to VM host: unable to connect to 'kvm-a1'");
    const id = await hostId('kvm-a1');
    expect((await wire.post(`/vm-hosts/${id}/`, 'refresh')).status).toBe(503);
    expect((await wire.post(`/vm-hosts/${id}/`, 'compose', { cores: 1, memory: 1024 })).status).toBe(503);
    // Allocation never composes on it: pinned to the failed host, nothing matches.
    const alloc = await wire.post('/machines/', 'allocate', { pod: 'kvm-a1', cpu_count: 1, dry_run: true });
    expect(alloc.status).toBe(409);
    expect(
      (await wire.get('/machines/', { power_state: 'error' })).json
        .map((m: { hostname: string }) => m.hostname)
        .sort(),
    ).toEqual(['vm-a1-1', 'vm-a1-2']);
  });

  it('restore powers the host and its deployed VMs back on and the pod answers again', async () => {
    await control('kvm-b2', 'fail');
    const res = await control('kvm-b2', 'restore');
    expect(res.status).toBe(200);
    expect(res.json.failed).toBe(false);
    for (const name of res.json.machines as string[]) {
      const machine = await machineByHostname(wire, name);
      expect(machine.power_state).toBe(machine.status_name === 'Deployed' ? 'on' : 'off');
    }
    expect((await machineByHostname(wire, 'kvm-b2')).power_state).toBe('on');
    const vm = await machineByHostname(wire, 'vm-b2-1');
    expect((await wire.get(`/machines/${vm.system_id}/`, { op: 'query_power_state' })).json).toEqual({
      state: 'on',
    });
    expect((await wire.post(`/vm-hosts/${await hostId('kvm-b2')}/`, 'refresh')).status).toBe(200);
  });

  it('answers 404 for an unknown host or path, 405 for GET, and is not a MAAS API path', async () => {
    const unknown = await control('kvm-z9', 'fail');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toBe("No VM host named 'kvm-z9'.");
    expect((await control('kvm-a1', 'explode')).status).toBe(404);
    expect((await control('kvm-a1', 'fail', 'GET')).status).toBe(405);
    expect(sim.stats().apiRequests).toBe(0);
    // The control API is outside MAAS's API: MAAS's own paths still know nothing of it.
    expect((await wire.raw('POST', `${sim.url}api/2.0/_sim/vm-hosts/kvm-a1/fail/`)).status).toBe(404);
  });
});
