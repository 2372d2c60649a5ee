import { MaasClient } from '@edgekit/maas-client';
import { type MaasSim, ManualClock, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLiveSingleHostFailures, DRAINED_TAG, takeInventory } from '../src/index.js';

// N-1 on the live site read from the MAAS simulator: every VM stays where MAAS shows it, and each host's
// loss is checked by re-placing its VMs on the survivors.
let sim: MaasSim;
let maas: MaasClient;
beforeAll(async () => {
  sim = await startMaasSim({ host: '127.0.0.1', port: 0, site: 'demo', clock: new ManualClock() });
  maas = new MaasClient({ url: sim.url, apiKey: sim.apiKey });
});
afterAll(() => sim.close());

describe('checkLiveSingleHostFailures', () => {
  it('the demo site survives the loss of any one VM host', async () => {
    const check = checkLiveSingleHostFailures(await takeInventory(maas), 'server');
    expect(check.failures).toEqual([]);
    expect(check.ok).toBe(true);
    // Every tracked VM is modelled, on its own host.
    expect(check.problem.vms.map((vm) => vm.name)).toContain('vm-a1-1');
  });

  it('names each host whose loss strands VMs, and which', async () => {
    // 100 GiB on every host (memory ratio 1, 128 GiB each): no survivor has room for another host's.
    const hosts = await maas.vmHosts.list();
    for (const host of hosts) {
      await maas.vmHosts.compose(host.id, { cores: 2, memory: 100 * 1024, hostname: `big-${host.name}` });
    }
    const check = checkLiveSingleHostFailures(await takeInventory(maas), 'server');
    expect(check.ok).toBe(false);
    expect(check.failures.map((f) => f.host).sort()).toEqual(hosts.map((h) => h.name).sort());
    const lossOfA1 = check.failures.find((f) => f.host === 'kvm-a1');
    expect(lossOfA1?.stranded).toEqual(['big-kvm-a1']);
  });

  it('counts no room on a drained host', async () => {
    // A fresh site: 100 GiB on every host but kvm-a2, which has room for any one of them.
    const fresh = await startMaasSim({ host: '127.0.0.1', port: 0, site: 'demo', clock: new ManualClock() });
    try {
      const client = new MaasClient({ url: fresh.url, apiKey: fresh.apiKey });
      const hosts = await client.vmHosts.list();
      for (const host of hosts.filter((h) => h.name !== 'kvm-a2'))
        await client.vmHosts.compose(host.id, { cores: 2, memory: 100 * 1024, hostname: `big-${host.name}` });
      expect(checkLiveSingleHostFailures(await takeInventory(client), 'server').ok).toBe(true);
      const a2 = hosts.find((h) => h.name === 'kvm-a2');
      await client.vmHosts.addTag(a2?.id ?? -1, DRAINED_TAG);
      const check = checkLiveSingleHostFailures(await takeInventory(client), 'server');
      expect(check.failures.map((f) => f.host).sort()).toEqual(
        hosts
          .filter((h) => h.name !== 'kvm-a2')
          .map((h) => h.name)
          .sort(),
      );
    } finally {
      await fresh.close();
    }
  });
});
