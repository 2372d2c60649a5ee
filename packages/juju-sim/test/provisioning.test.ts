import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, startEnv, waitForStatus } from './support/env.js';
import { WireClient } from './support/wire.js';

describe('machines provisioned through the MAAS simulator', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(async () => {
    await env.close();
  });

  const addMachine = (params: Record<string, unknown>) =>
    env.client.ok('MachineManager', 10, 'AddMachines', { params: [{ jobs: ['JobHostUnits'], ...params }] });

  it('lands an added machine on a MAAS machine that MAAS shows Deployed and owned', async () => {
    const added = await addMachine({
      constraints: { cores: 2, mem: 4096 },
      placement: { scope: env.model.uuid, directive: 'zone=edge-b' },
    });
    const id = added.machines[0].machine as string;
    const status = await waitForStatus(
      env.client,
      (s) => s.machines[id]?.['agent-status'].status === 'started',
    );
    const machine = status.machines[id];
    expect(machine['instance-status']).toMatchObject({ status: 'running', info: 'Deployed' });
    expect(machine.hardware).toMatch(
      /^arch=amd64 cores=\d+ mem=\d+M root-disk=\d+M availability-zone=edge-b$/,
    );
    expect(machine.constraints).toBe('cores=2 mem=4096M');
    const maasMachine = await env.maas.machines.read(machine['instance-id']);
    expect(maasMachine.status_name).toBe('Deployed');
    expect(maasMachine.owner).toBe(env.maasSim.adminUser);
    expect(maasMachine.zone.name).toBe('edge-b');
    expect(maasMachine.cpu_count).toBeGreaterThanOrEqual(2);
    expect(maasMachine.memory).toBeGreaterThanOrEqual(4096);
    expect(machine['dns-name']).toBe(maasMachine.ip_addresses[0]);
    // Behind the API: allocate named the node after the model and deploy asked for the model's series.
    const record = env.maasSim.state.data.machines.find((m) => m.systemId === maasMachine.system_id);
    expect(record).toMatchObject({ agentName: env.model.uuid, distroSeries: 'noble' });
    const operations = env.maasSim.stats().byOperation;
    expect(operations['POST /machines/ allocate']).toBeGreaterThanOrEqual(1);
    expect(operations[`POST /machines/${maasMachine.system_id}/ deploy`]).toBe(1);
  });

  it('honours system-id placement and releases the machine back to MAAS on removal', async () => {
    const ready = await env.maas.machines.list({ status: 'ready' });
    const target = ready[0]!;
    const added = await addMachine({
      constraints: {},
      placement: { scope: env.model.uuid, directive: `system-id=${target.system_id}` },
    });
    const id = added.machines[0].machine as string;
    const status = await waitForStatus(
      env.client,
      (s) => s.machines[id]?.['agent-status'].status === 'started',
    );
    expect(status.machines[id]['instance-id']).toBe(target.system_id);
    const destroyed = await env.client.ok('MachineManager', 10, 'DestroyMachineWithParams', {
      'machine-tags': [`machine-${id}`],
    });
    expect(destroyed.results[0].info['machine-id']).toBe(id);
    await waitForStatus(env.client, (s) => s.machines[id] === undefined);
    const releasing = await env.maas.machines.read(target.system_id);
    expect(['Releasing', 'Ready', 'Disk erasing']).toContain(releasing.status_name);
    expect(env.maasSim.stats().byOperation['POST /machines/ release']).toBeGreaterThanOrEqual(1);
    const released = await env.maas.machines.waitForStatus(target.system_id, 'ready', { intervalMs: 5 });
    expect(released.owner ?? null).toBeNull();
  });

  it('refuses to remove a machine with units unless forced', async () => {
    await env.client.ok('Charms', 7, 'AddCharm', {
      url: 'ch:amd64/noble/ubuntu-26',
      'charm-origin': { source: 'charm-hub', type: 'charm', id: '', risk: 'stable', track: 'latest' },
      force: false,
    });
    const deployed = await env.client.ok('Application', 22, 'Deploy', {
      applications: [
        {
          application: 'ubuntu',
          'charm-url': 'ch:amd64/noble/ubuntu-26',
          channel: 'latest/stable',
          'num-units': 1,
          'config-yaml': '',
          constraints: {},
          Force: false,
        },
      ],
    });
    expect(deployed.results).toEqual([{}]);
    const status = await waitForStatus(
      env.client,
      (s) => s.applications.ubuntu?.units['ubuntu/0']?.machine !== undefined,
    );
    const machine = status.applications.ubuntu.units['ubuntu/0'].machine;
    const refused = await env.client.ok('MachineManager', 10, 'DestroyMachineWithParams', {
      'machine-tags': [`machine-${machine}`],
    });
    expect(refused.results[0].error).toEqual({
      message: `machine ${machine} has unit "ubuntu/0" assigned`,
      code: 'machine has assigned units',
    });
  });

  it('reports a provisioning error when MAAS has no machine matching the constraints', async () => {
    const added = await addMachine({ constraints: { cores: 4096 } });
    const id = added.machines[0].machine as string;
    const status = await waitForStatus(
      env.client,
      (s) => s.machines[id]?.['instance-status'].status === 'provisioning error',
    );
    expect(status.machines[id]['instance-status'].info).toMatch(
      /No available machine matches constraints|cpu_count|409/i,
    );
    expect(status.machines[id]['instance-status'].info).not.toContain(env.maasSim.apiKey.split(':')[2]);
  });

  it('releases every machine of a destroyed model back to MAAS', async () => {
    const controller = await WireClient.connect(env.sim.controllerUrl, env.sim.caCert);
    await controller.login(env.sim.user, env.sim.password);
    const created = await controller.ok('ModelManager', 10, 'CreateModel', {
      name: 'short-lived',
      'owner-tag': 'user-admin',
    });
    const model = await WireClient.connect(env.sim.modelUrl(created.uuid), env.sim.caCert);
    await model.login(env.sim.user, env.sim.password);
    const added = await model.ok('MachineManager', 10, 'AddMachines', {
      params: [{ jobs: ['JobHostUnits'], constraints: {} }],
    });
    const status = await waitForStatus(
      model,
      (s) => s.machines[added.machines[0].machine]?.['agent-status'].status === 'started',
    );
    const systemId = status.machines[added.machines[0].machine]['instance-id'];
    expect((await env.maas.machines.read(systemId)).status_name).toBe('Deployed');
    await controller.ok('ModelManager', 10, 'DestroyModels', {
      models: [{ 'model-tag': `model-${created.uuid}` }],
    });
    const released = await env.maas.machines.waitForStatus(systemId, 'ready', { intervalMs: 5 });
    expect(released.owner ?? null).toBeNull();
    model.close();
    controller.close();
  });

  it('rejects placement directives the MAAS provider does not know', async () => {
    const added = await addMachine({
      constraints: {},
      placement: { scope: env.model.uuid, directive: 'rack=r1' },
    });
    expect(added.machines[0].error).toEqual({
      message: 'unknown placement directive: rack=r1',
      code: 'not valid',
    });
  });
});
