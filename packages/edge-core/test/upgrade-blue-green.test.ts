// A blue-green upgrade on the simulators: the CK HA edge preset applied to the demo site (workers on VMs
// of VM hosts), upgraded to 1.36 with new worker VMs placed by the engine beside the old ones, a new
// worker application, then the old workers retired one at a time; a FullStatus watcher checks the rule
// from outside throughout. Dry run first: nothing changes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyUpgrade,
  greenName,
  planUpgrade,
  UpgradePlanSchema,
  upgradeJujuFromClient,
} from '../src/index.js';
import { type Day2Site, haEdgeSite, hostsOfMachines, watchOutOfService } from './support/day2-site.js';

let site: Day2Site;
beforeAll(async () => {
  site = await haEdgeSite('bluegreen');
}, 60_000);
afterAll(() => site?.close());

describe('blue-green upgrade', () => {
  it('places new workers, serves on 1.36 with them, retires the old one at a time, leaves no old VM', async () => {
    const juju = upgradeJujuFromClient(site.jujuClient);
    const bg = { maas: site.maas, juju: site.day2 };
    const planned = await planUpgrade(juju, { to: '1.36', strategy: 'blue-green', site: bg });
    if (planned.upToDate) throw new Error('expected a plan');
    const plan = UpgradePlanSchema.parse(JSON.parse(JSON.stringify(planned.plan)));
    const green = greenName('kubernetes-worker');
    expect(green).toBe('kubernetes-worker-green');
    expect(plan.strategy).toBe('blue-green');
    const kinds = plan.steps.map((s) => s.kind);
    expect(kinds.filter((k) => k === 'new-worker')).toHaveLength(2);
    expect(plan.steps.some((s) => s.id === 'refresh/kubernetes-worker')).toBe(false);
    expect(kinds.slice(-4)).toEqual(['deploy-green', 'retire', 'retire', 'remove-application']);
    // The engine kept the workers' host anti-affinity: two new VMs on two hosts.
    const newHosts = plan.steps.flatMap((s) => (s.kind === 'new-worker' ? [s.vm.compose.vmHostName] : []));
    expect(new Set(newHosts).size).toBe(2);

    const oldWorkerVms = plan.steps.flatMap((s) => (s.kind === 'retire' ? [s.vm.old.hostname] : []));
    const before = site.jujuSim.stats().mutatingRequests;
    const maasBefore = (await site.maas.machines.list()).length;
    await applyUpgrade({ plan, juju, site: bg, dryRun: true });
    expect(site.jujuSim.stats().mutatingRequests).toBe(before);
    expect((await site.maas.machines.list()).length).toBe(maasBefore);

    const watcher = watchOutOfService(site);
    const journalPath = join(mkdtempSync(join(tmpdir(), 'bluegreen-')), 'upgrade.jsonl');
    await applyUpgrade({ plan, juju, site: bg, journalPath, pollMs: 10 });
    const { worst, polls } = await watcher.stop();
    expect(polls).toBeGreaterThan(10);
    // The green units come up (installing) before they ever serve: not units taken out of service.
    for (const [app, out] of Object.entries(worst))
      if (app !== green) expect(out, app).toBeLessThanOrEqual(1);
    // The old workers were taken out one at a time: the bound is reached, not vacuous.
    expect(worst['kubernetes-worker']).toBe(1);

    const status = await site.jujuClient.client.fullStatus();
    expect(status.applications['kubernetes-worker']).toBeUndefined();
    const greenApp = status.applications[green];
    expect(greenApp?.['charm-channel']).toBe('1.36/stable');
    for (const [name, app] of Object.entries(status.applications)) {
      expect(app['charm-channel'], name).toBe('1.36/stable');
      for (const [unit, u] of Object.entries(app.units ?? {})) {
        expect(u['workload-status'].status, unit).toBe('active');
        if (name.startsWith('kubernetes-')) expect(u['workload-version'], unit).toBe('1.36.0');
      }
    }
    expect(Object.keys(greenApp?.units ?? {})).toHaveLength(2);
    // The green workers have the old workers' relations (control plane, runtime, CNI, certificates).
    const greenRelations = (status.relations ?? []).filter((r) => r.key.includes(`${green}:`));
    expect(greenRelations.length).toBeGreaterThanOrEqual(4);
    // No orphan: the old worker VMs are gone from MAAS, and every Juju machine is a MAAS VM.
    const hostnames = new Set((await site.maas.machines.list()).map((m) => m.hostname));
    for (const old of oldWorkerVms) expect(hostnames.has(old), old).toBe(false);
    expect((await hostsOfMachines(site)).size).toBe(Object.keys(status.machines).length);
    expect(await planUpgrade(juju, { to: '1.36', strategy: 'blue-green', site: bg })).toEqual({
      upToDate: true,
      to: '1.36',
    });
  }, 120_000);

  it('is refused with the engine’s reason when the new workers do not fit', async () => {
    const small = await haEdgeSite('bgnoroom', { maas: { site: 'demo' } });
    try {
      // Fill every VM host: a 100-core VM demand cannot be met anywhere.
      const hosts = await small.maas.vmHosts.list();
      for (const host of hosts) await small.maas.vmHosts.update(host.id, { cpu_over_commit_ratio: 0.1 });
      const juju = upgradeJujuFromClient(small.jujuClient);
      await expect(
        planUpgrade(juju, {
          to: '1.36',
          strategy: 'blue-green',
          site: { maas: small.maas, juju: small.day2 },
        }),
      ).rejects.toThrow(/no room for 2 new worker VMs beside the old ones: .+/);
    } finally {
      await small.close();
    }
  }, 120_000);
});
