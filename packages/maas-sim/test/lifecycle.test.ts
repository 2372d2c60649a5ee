import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MaasSim, ManualClock, PHASE_MS, startMaasSim } from '../src/index.js';
import { machineByHostname, Wire } from './support/wire.js';

let sim: MaasSim;
let wire: Wire;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock();
  sim = await startMaasSim({ seed: 11, clock });
  wire = new Wire(sim);
});
afterEach(() => sim.close());

async function statusOf(systemId: string): Promise<string> {
  return (await wire.get(`/machines/${systemId}/`)).json.status_name;
}

async function eventsFor(
  systemId: string,
  level = 'DEBUG',
): Promise<{ type: string; description: string }[]> {
  return (await wire.get('/events/', { op: 'query', id: systemId, level, limit: 1000 })).json.events;
}

describe('commissioning', () => {
  it('goes New/Ready → Commissioning → Testing → Ready on the simulated clock, with events', async () => {
    const m = await machineByHostname(wire, 'metal-a1');
    const res = await wire.post(`/machines/${m.system_id}/`, 'commission', {});
    expect(res.json.status_name).toBe('Commissioning');
    expect(res.json.commissioning_status_name).toBe('Running');
    clock.advance(PHASE_MS.commissioning - 1);
    expect(await statusOf(m.system_id)).toBe('Commissioning');
    clock.advance(1);
    expect(await statusOf(m.system_id)).toBe('Testing');
    clock.advance(PHASE_MS.testing);
    const ready = (await wire.get(`/machines/${m.system_id}/`)).json;
    expect(ready.status_name).toBe('Ready');
    expect(ready.testing_status_name).toBe('Passed');
    const messages = (await eventsFor(m.system_id)).map((e) => e.description);
    expect(messages).toContain("From 'Ready' to 'Commissioning'");
    expect(messages).toContain("From 'Commissioning' to 'Testing'");
    expect(messages).toContain("From 'Testing' to 'Ready'");
  });

  it('can be made to fail, and aborted', async () => {
    const m = await machineByHostname(wire, 'metal-b1');
    sim.injectFailure('metal-b1', 'commissioning');
    await wire.post(`/machines/${m.system_id}/`, 'commission', {});
    clock.advance(PHASE_MS.commissioning);
    expect(await statusOf(m.system_id)).toBe('Failed commissioning');
    const errors = await eventsFor(m.system_id, 'ERROR');
    expect(errors.map((e) => e.type)).toContain('Failed commissioning');
    await wire.post(`/machines/${m.system_id}/`, 'commission', {});
    const aborted = await wire.post(`/machines/${m.system_id}/`, 'abort', {});
    expect(aborted.json.status_name).toBe('New');
    const again = await wire.post(`/machines/${m.system_id}/`, 'abort', {});
    expect(again.status).toBe(409);
  });
});

describe('allocate, deploy, release', () => {
  it('walks Ready → Allocated → Deploying → Deployed (powered on) → Releasing → Ready', async () => {
    const allocated = await wire.post('/machines/', 'allocate', { name: 'metal-a1', agent_name: 'edgekit' });
    expect(allocated.json.status_name).toBe('Allocated');
    expect(allocated.json.owner).toBe('admin');
    const id = allocated.json.system_id;
    const deploying = await wire.post(`/machines/${id}/`, 'deploy', { distro_series: 'ubuntu/22.04' });
    expect(deploying.json.status_name).toBe('Deploying');
    expect(deploying.json.distro_series).toBe('jammy');
    clock.advance(PHASE_MS.deploying);
    const deployed = (await wire.get(`/machines/${id}/`)).json;
    expect(deployed.status_name).toBe('Deployed');
    expect(deployed.power_state).toBe('on');
    expect(deployed.osystem).toBe('ubuntu');
    expect(deployed.ip_addresses.length).toBe(1);
    const releasing = await wire.post(`/machines/${id}/`, 'release', { comment: 'done' });
    expect(releasing.json.status_name).toBe('Releasing');
    clock.advance(PHASE_MS.releasing);
    const ready = (await wire.get(`/machines/${id}/`)).json;
    expect(ready.status_name).toBe('Ready');
    expect(ready.owner).toBeNull();
    expect(ready.power_state).toBe('off');
    const types = (await eventsFor(id, 'INFO')).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['Allocated', 'Deploying', 'Deployed', 'Releasing', 'Released']),
    );
  });

  it('deploys a Ready machine directly (allocating it), and refuses the wrong states with MAAS text', async () => {
    const m = await machineByHostname(wire, 'metal-b1');
    const res = await wire.post(`/machines/${m.system_id}/`, 'deploy', {});
    expect(res.json.status_name).toBe('Deploying');
    expect(res.json.owner).toBe('admin');
    const twice = await wire.post(`/machines/${m.system_id}/`, 'deploy', {});
    expect(twice.status).toBe(409);
    expect(twice.text).toBe("Can't deploy a machine that is in the 'Deploying' state");
    const ready = await machineByHostname(wire, 'metal-a1');
    const release = await wire.post(`/machines/${ready.system_id}/`, 'release', {});
    expect(release.status).toBe(409);
    expect(release.text).toBe("Machine cannot be released in its current state ('Ready').");
    const badSeries = await wire.post(`/machines/${ready.system_id}/`, 'deploy', { distro_series: 'bionic' });
    expect(badSeries.status).toBe(400);
    expect(badSeries.json.distro_series[0]).toContain("'bionic' is not a valid distro_series");
  });

  it('fails a deployment on request and erases disks on release', async () => {
    sim.injectFailure('metal-a1', 'deployment');
    const m = await machineByHostname(wire, 'metal-a1');
    await wire.post(`/machines/${m.system_id}/`, 'deploy', {});
    clock.advance(PHASE_MS.deploying);
    const failed = (await wire.get(`/machines/${m.system_id}/`)).json;
    expect(failed.status_name).toBe('Failed deployment');
    expect(failed.error_description).toContain('Installation failed');
    const erasing = await wire.post(`/machines/${m.system_id}/`, 'release', { erase: 'true' });
    expect(erasing.json.status_name).toBe('Disk erasing');
    clock.advance(PHASE_MS.erasing);
    expect(await statusOf(m.system_id)).toBe('Ready');
  });
});

describe('machine operations', () => {
  it('powers on only allocated machines and reports the power state', async () => {
    const m = await machineByHostname(wire, 'metal-a1');
    const refused = await wire.post(`/machines/${m.system_id}/`, 'power_on', {});
    expect(refused.status).toBe(409);
    expect(refused.text).toBe("Can't start node: it hasn't been allocated.");
    await wire.post('/machines/', 'allocate', { system_id: m.system_id });
    expect((await wire.post(`/machines/${m.system_id}/`, 'power_on', {})).json.power_state).toBe('on');
    expect((await wire.get(`/machines/${m.system_id}/`, { op: 'query_power_state' })).json).toEqual({
      state: 'on',
    });
    expect(
      (await wire.post(`/machines/${m.system_id}/`, 'power_off', { stop_mode: 'soft' })).json.power_state,
    ).toBe('off');
  });

  it('locks deployed machines against release and unlocks them', async () => {
    const m = await machineByHostname(wire, 'vm-a1-1');
    expect((await wire.post(`/machines/${m.system_id}/`, 'lock', {})).json.locked).toBe(true);
    const release = await wire.post(`/machines/${m.system_id}/`, 'release', {});
    expect(release.status).toBe(409);
    expect((await wire.post(`/machines/${m.system_id}/`, 'unlock', {})).json.locked).toBe(false);
    const ready = await machineByHostname(wire, 'metal-a1');
    expect((await wire.post(`/machines/${ready.system_id}/`, 'lock', {})).status).toBe(409);
  });

  it('marks broken and fixed', async () => {
    const m = await machineByHostname(wire, 'metal-a1');
    const broken = await wire.post(`/machines/${m.system_id}/`, 'mark_broken', { comment: 'PSU' });
    expect(broken.json.status_name).toBe('Broken');
    expect(broken.json.error_description).toBe('PSU');
    const fixed = await wire.post(`/machines/${m.system_id}/`, 'mark_fixed', {});
    expect(fixed.json.status_name).toBe('Ready');
    expect((await wire.post(`/machines/${m.system_id}/`, 'mark_fixed', {})).status).toBe(409);
  });

  it('sets and clears owner data and workload annotations', async () => {
    const m = await machineByHostname(wire, 'vm-a1-1');
    const set = await wire.post(`/machines/${m.system_id}/`, 'set_owner_data', {
      'juju-model': 'edge',
      site: 'a',
    });
    expect(set.json.owner_data).toEqual({ 'juju-model': 'edge', site: 'a' });
    const cleared = await wire.post(`/machines/${m.system_id}/`, 'set_owner_data', { site: '' });
    expect(cleared.json.owner_data).toEqual({ 'juju-model': 'edge' });
    const annotated = await wire.post(`/machines/${m.system_id}/`, 'set_workload_annotations', {
      app: 'etcd',
    });
    expect(annotated.json.workload_annotations).toEqual({ app: 'etcd' });
  });

  it('updates and deletes machines (admin), 404 for unknown ids', async () => {
    const m = await machineByHostname(wire, 'metal-b1');
    const moved = await wire.put(`/machines/${m.system_id}/`, { zone: 'edge-c', description: 'moved' });
    expect(moved.json.zone.name).toBe('edge-c');
    const badZone = await wire.put(`/machines/${m.system_id}/`, { zone: 'nowhere' });
    expect(badZone.status).toBe(400);
    expect(badZone.json.zone).toBeDefined();
    expect((await wire.delete(`/machines/${m.system_id}/`)).status).toBe(204);
    const gone = await wire.get(`/machines/${m.system_id}/`);
    expect(gone.status).toBe(404);
    expect(gone.text).toBe('No Machine matches the given query.');
  });
});
