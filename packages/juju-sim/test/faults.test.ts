import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployBundle } from './support/deploy-bundle.js';
import { type Env, startEnv, waitForStatus } from './support/env.js';
import { WireClient } from './support/wire.js';

describe('fault injection', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv({ faults: { unitErrors: ['etcd/1'], provisioningErrors: ['3'] } });
  });
  afterAll(async () => {
    await env.close();
  });

  const modelClient = async () => {
    const client = await WireClient.connect(env.model.url, env.sim.caCert);
    await client.login(env.sim.user, env.sim.password);
    return client;
  };

  it('fails calls with Juju try again, but never the login', async () => {
    env.sim.setFaults({ tryAgainRate: 1 });
    try {
      const client = await WireClient.connect(env.model.url, env.sim.caCert);
      const login = await client.login(env.sim.user, env.sim.password);
      expect(login.error).toBeUndefined();
      const reply = await client.call('Client', 8, 'FullStatus', { patterns: [] });
      expect(reply).toMatchObject({ error: 'try again', 'error-code': 'try again' });
      client.close();
      expect(env.sim.stats().faults.tryAgainErrors).toBeGreaterThanOrEqual(1);
    } finally {
      env.sim.setFaults({ tryAgainRate: 0 });
    }
  });

  it('drops the connection instead of replying', async () => {
    env.sim.setFaults({ dropConnectionRate: 1 });
    try {
      const client = await modelClient();
      void client.call('Client', 8, 'FullStatus', { patterns: [] });
      await expect(client.closed).resolves.toBe(1006);
      expect(env.sim.stats().faults.droppedConnections).toBeGreaterThanOrEqual(1);
    } finally {
      env.sim.setFaults({ dropConnectionRate: 0 });
    }
  });

  it('drops every connection on a schedule', async () => {
    const client = await modelClient();
    env.sim.setFaults({ dropConnectionsEveryMs: 20 });
    try {
      await expect(client.closed).resolves.toBe(1006);
    } finally {
      env.sim.setFaults({ dropConnectionsEveryMs: 0 });
    }
  });

  it('delays replies', async () => {
    env.sim.setFaults({ replyDelayMs: 5 });
    try {
      const client = await modelClient();
      const before = env.sim.stats().faults.delayedReplies;
      await client.ok('Pinger', 1, 'Ping');
      expect(env.sim.stats().faults.delayedReplies).toBe(before + 1);
      client.close();
    } finally {
      env.sim.setFaults({ replyDelayMs: 0 });
    }
  });

  it('puts an injected unit in error and fails an injected machine', async () => {
    const client = await modelClient();
    await deployBundle(
      client,
      env.model.uuid,
      'applications:\n  easyrsa: {charm: easyrsa, channel: 1.35/stable, num_units: 1}\n  etcd: {charm: etcd, channel: 1.35/stable, num_units: 2}\nrelations:\n- [etcd, easyrsa]\n',
    );
    const added = await client.ok('MachineManager', 10, 'AddMachines', {
      params: [{ jobs: ['JobHostUnits'], constraints: {} }],
    });
    expect(added.machines[0].machine).toBe('3');
    const status = await waitForStatus(
      client,
      (s) =>
        s.applications.etcd.units['etcd/1']['workload-status'].status === 'error' &&
        s.applications.etcd.units['etcd/0']['workload-status'].status === 'active' &&
        s.machines['3']['instance-status'].status === 'provisioning error',
    );
    expect(status.applications.etcd.units['etcd/1']['agent-status']).toMatchObject({
      status: 'error',
      info: 'hook failed: "install"',
    });
    expect(status.applications.etcd.status.status).toBe('error');
    expect(status.machines['3']['instance-status'].info).toBe(
      'injected fault: failed to acquire node for machine 3',
    );

    // Clearing the faults and retrying recovers both, as `juju resolve` and `juju retry-provisioning` do.
    env.sim.setFaults({ unitErrors: [], provisioningErrors: [] });
    const resolved = await client.ok('Application', 22, 'ResolveUnitErrors', {
      tags: { entities: [{ tag: 'unit-etcd-1' }] },
    });
    expect(resolved.results).toEqual([{}]);
    const retried = await client.ok('MachineManager', 10, 'RetryProvisioning', {
      all: false,
      machines: ['machine-3', 'machine-0'],
    });
    expect(retried.results[0]).toEqual({});
    expect(retried.results[1].error.message).toBe('machine-0 is not in an error state (running)');
    await waitForStatus(
      client,
      (s) =>
        s.applications.etcd.units['etcd/1']['workload-status'].status === 'active' &&
        s.machines['3']['agent-status'].status === 'started',
    );
  });

  it('rejects fault settings that make no sense', () => {
    expect(() => env.sim.setFaults({ tryAgainRate: 2 })).toThrow(
      'faults.tryAgainRate must be a probability between 0 and 1, got 2',
    );
  });
});

describe('clearing faults', () => {
  let env: Env;
  beforeAll(async () => {
    // A fault given at start: clearFaults turns it off too, not only those set at run time.
    env = await startEnv({ faults: { tryAgainRate: 1 } });
  });
  afterAll(async () => {
    await env.close();
  });

  it('turns every fault off at once, so a call that failed then answers', async () => {
    // setFaults merges: the start's try-again stays on beside the reply delay.
    env.sim.setFaults({ replyDelayMs: 5 });
    const failed = await env.client.call('Client', 8, 'FullStatus', { patterns: [] });
    expect(failed).toMatchObject({ error: 'try again', 'error-code': 'try again' });
    expect(env.sim.stats().faults.delayedReplies).toBeGreaterThanOrEqual(1);

    env.sim.clearFaults();
    const before = env.sim.stats().faults;
    const status = await env.client.ok('Client', 8, 'FullStatus', { patterns: [] });
    expect(Object.keys(status.applications)).toEqual([]);
    expect(env.sim.stats().faults).toEqual(before);
  });
});
