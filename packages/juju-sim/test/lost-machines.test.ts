import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, startEnv, waitForStatus } from './support/env.js';
import type { Wire } from './support/wire.js';

/**
 * A MAAS VM host fails (maas-sim's control API): Juju's instance poller finds the instances powered off,
 * the machine agents go down and their units lost, in FullStatus and the AllWatcher; removal then
 * behaves as Juju's does for lost machines (stuck dying unless forced).
 */
describe('machines whose instances are gone', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
    await env.client.ok('Application', 22, 'DeployFromRepository', {
      // tags=virtual: MAAS composes a VM on an LXD host (the demo's Ready machines are bare metal).
      Args: [
        {
          CharmName: 'etcd',
          ApplicationName: 'kv',
          channel: '1.35/stable',
          'num-units': 2,
          Cons: { tags: ['virtual'] },
        },
      ],
    });
    await waitForStatus(
      env.client,
      (s) =>
        Object.values<Wire>(s.applications.kv?.units ?? {}).filter(
          (u) => u['workload-status'].status === 'blocked',
        ).length === 2,
    );
  });
  afterAll(() => env.close());

  const control = (host: string, action: string) =>
    fetch(`${env.maasSim.url}_sim/vm-hosts/${host}/${action}/`, { method: 'POST' });

  it('agent down, units lost (FullStatus and AllWatcher), back when the host returns', async () => {
    const before = await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    const machineId = before.applications.kv.units['kv/0'].machine as string;
    const instance = await env.maas.machines.read(before.machines[machineId]['instance-id']);
    const host = env.maasSim.state.data.vmHosts.find((h) => h.id === instance.pod?.id);
    expect(host, 'the unit landed on a composed or pod VM').toBeDefined();
    const { 'watcher-id': watcher } = await env.client.ok('Client', 8, 'WatchAll');
    await env.client.ok('AllWatcher', 3, 'Next', {}, watcher);
    expect((await control(host!.name, 'fail')).status).toBe(200);

    const lost = await waitForStatus(
      env.client,
      (s) => s.machines[machineId]['agent-status'].status === 'down',
    );
    expect(lost.machines[machineId]['agent-status'].info).toBe('agent is not communicating with the server');
    expect(lost.applications.kv.units['kv/0']['agent-status']).toMatchObject({
      status: 'lost',
      info: 'agent is not communicating with the server',
    });
    expect(lost.applications.kv.units['kv/0']['workload-status']).toMatchObject({
      status: 'unknown',
      info: "agent lost, see 'juju show-status-log kv/0'",
    });
    // Exactly the units on that host's VMs are lost.
    for (const unit of Object.values<Wire>(lost.applications.kv.units)) {
      const vm = await env.maas.machines.read(lost.machines[unit.machine]['instance-id']);
      expect(unit['agent-status'].status === 'lost').toBe(vm.pod?.id === host!.id);
    }
    // The AllWatcher sent the same: a unit delta with agent-status lost.
    let seen = false;
    for (let i = 0; i < 20 && !seen; i++) {
      const { deltas } = await env.client.ok('AllWatcher', 3, 'Next', {}, watcher);
      seen = (deltas as [string, string, Wire][]).some(
        ([kind, op, entity]) =>
          kind === 'unit' &&
          op === 'change' &&
          entity.name === 'kv/0' &&
          entity['agent-status'].current === 'lost',
      );
    }
    expect(seen).toBe(true);
    await env.client.call('AllWatcher', 3, 'Stop', {}, watcher);

    expect((await control(host!.name, 'restore')).status).toBe(200);
    const back = await waitForStatus(
      env.client,
      (s) =>
        s.machines[machineId]['agent-status'].status === 'started' &&
        s.applications.kv.units['kv/0']['workload-status'].status === 'blocked',
    );
    expect(back.applications.kv.units['kv/0']['agent-status'].status).toBe('idle');
  });

  it('a lost unit stays dying without force; force removes it, its machine, and AddUnits places onto a machine', async () => {
    const before = await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    const machineId = before.applications.kv.units['kv/1'].machine as string;
    const instance = await env.maas.machines.read(before.machines[machineId]['instance-id']);
    const host = env.maasSim.state.data.vmHosts.find((h) => h.id === instance.pod?.id)!;
    await control(host.name, 'fail');
    await waitForStatus(env.client, (s) => s.applications.kv.units['kv/1']['agent-status'].status === 'lost');

    const remove = (force: boolean) =>
      env.client.ok('Application', 22, 'DestroyUnit', {
        units: [{ 'unit-tag': 'unit-kv-1', force, 'max-wait': 0 }],
      });
    expect((await remove(false)).results[0].error).toBeUndefined();
    const dying = await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    expect(dying.applications.kv.units['kv/1']).toBeDefined();
    await remove(true);
    await waitForStatus(env.client, (s) => s.applications.kv.units['kv/1'] === undefined);

    const unforced = await env.client.ok('MachineManager', 10, 'DestroyMachineWithParams', {
      'machine-tags': [`machine-${machineId}`],
    });
    expect(unforced.results[0].error).toBeUndefined();
    expect(
      (await env.client.ok('Client', 8, 'FullStatus', { patterns: [] })).machines[machineId],
    ).toBeDefined();
    await env.client.ok('MachineManager', 10, 'DestroyMachineWithParams', {
      'machine-tags': [`machine-${machineId}`],
      force: true,
    });
    const gone = await waitForStatus(env.client, (s) => s.machines[machineId] === undefined);
    const survivor = gone.applications.kv.units['kv/0'].machine as string;

    const added = await env.client.ok('Application', 22, 'AddUnits', {
      application: 'kv',
      'num-units': 1,
      placement: [{ scope: '#', directive: survivor }],
    });
    const name = added.units[0] as string;
    const placed = await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    expect(placed.applications.kv.units[name].machine).toBe(survivor);
  });
});
