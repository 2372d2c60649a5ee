// Day 2 on the simulators: the CK HA edge preset applied to the demo site, a VM host carrying a control
// plane drained while a FullStatus watcher checks no application ever has more than one unit out, then
// another host failed through maas-sim's control API and healed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApplyEvent,
  applyDrain,
  applyHeal,
  DRAINED_TAG,
  planDrain,
  planHeal,
  readLiveSite,
  takeInventory,
  undrainHost,
} from '../src/index.js';
import { haEdgePlan } from './support/apply-helpers.js';
import {
  type Day2Site,
  haEdgeSite,
  hostsOfMachines,
  settled,
  unitCounts,
  watchOutOfService,
} from './support/day2-site.js';

const dir = mkdtempSync(join(tmpdir(), 'ek-day2-'));
let site: Day2Site;
let before: Record<string, number>;
let drained = '';

beforeAll(async () => {
  site = await haEdgeSite('day2a');
  before = unitCounts(await site.juju.fullStatus());
}, 60_000);
afterAll(() => site?.close());

const controlPlaneHosts = async () => {
  const status = await site.juju.fullStatus();
  const where = await hostsOfMachines(site);
  return Object.values(status.applications['kubernetes-control-plane']?.units ?? {}).map((u) =>
    where.get(u.machine),
  );
};

describe('drain', () => {
  it('moves every unit off a host carrying a control plane, never more than one unit of an application out', async () => {
    drained = (await controlPlaneHosts())[0]?.host ?? '';
    expect(drained).not.toBe('');
    const plan = await planDrain({ maas: site.maas, juju: site.day2, host: drained });
    expect(plan.replacements.length).toBeGreaterThan(0);
    // etcd and the control plane first.
    expect(plan.replacements[0]?.units.map((u) => u.application)).toContain('etcd');
    // Untouched: the demo's own VMs on the host, which carry no units.
    expect(plan.untouched.map((u) => u.hostname).length).toBeGreaterThan(0);
    const watcher = watchOutOfService(site);
    const events: ApplyEvent[] = [];
    const result = await applyDrain({
      plan,
      maas: site.maas,
      juju: site.day2,
      journalPath: join(dir, 'drain.jsonl'),
      pollIntervalMs: 10,
      onEvent: (e) => events.push(e),
    });
    const { worst, fewestServing, polls } = await watcher.stop();
    expect(polls).toBeGreaterThan(10);
    for (const [app, out] of Object.entries(worst)) expect(out, app).toBeLessThanOrEqual(1);
    // Add before remove: no application ever served with fewer units than it had.
    expect(fewestServing).toEqual(before);
    // The watcher saw the moves: each moved application had a unit out at some point.
    for (const r of plan.replacements) for (const u of r.units) expect(worst[u.application], u.unit).toBe(1);
    expect(Object.keys(result.replaced)).toHaveLength(plan.replacements.length);
    await settled(site);
    const status = await site.juju.fullStatus();
    expect(unitCounts(status)).toEqual(before);
    const where = await hostsOfMachines(site);
    expect([...where.values()].filter((w) => w.host === drained)).toEqual([]);
    const zones = (await controlPlaneHosts()).map((w) => w?.zone);
    expect(new Set(zones).size).toBe(3);
    // The old VMs are gone from MAAS; the ones without units stay.
    const names = (await site.maas.machines.list()).map((m) => m.hostname);
    for (const r of plan.replacements) expect(names).not.toContain(r.old.hostname);
    for (const u of plan.untouched) expect(names).toContain(u.hostname);
    const host = (await site.maas.vmHosts.list()).find((h) => h.name === drained);
    expect(host?.tags).toContain(DRAINED_TAG);
  }, 120_000);

  it('leaves the drained host out of new plans', async () => {
    const plan = haEdgePlan(await takeInventory(site.maas), 'day2b');
    expect(plan.placement.machines.map((m) => m.target.kind === 'vm' && m.target.vmHostName)).not.toContain(
      drained,
    );
  });
});

describe('heal', () => {
  let failed = '';
  it('restores every application after a host fails, none on the failed host, anti-affinity kept', async () => {
    const cp = await controlPlaneHosts();
    failed =
      cp.find((w) => w !== undefined && w.host !== drained && !w.zone.endsWith(drained.slice(-2, -1)))
        ?.host ?? '';
    expect(failed).not.toBe('');
    const res = await fetch(`${site.maasSim.url}_sim/vm-hosts/${failed}/fail/`, { method: 'POST' });
    expect(res.status).toBe(200);
    // Juju's instance poller notices: the host's machines go down.
    for (;;) {
      const live = await readLiveSite(site.maas, site.day2);
      if (live.vms.some((vm) => vm.vmHost.name === failed && vm.agent === 'down')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // A failed host is not drained (its units are lost already): heal is the answer, and it says so.
    await expect(planDrain({ maas: site.maas, juju: site.day2, host: failed })).rejects.toThrow(
      /down \(run edgekit heal/,
    );
    const plan = await planHeal({ maas: site.maas, juju: site.day2 });
    expect(plan.unplaced).toEqual([]);
    expect(plan.replacements.length).toBeGreaterThan(0);
    expect(plan.excludedHosts).toContain(failed);
    expect(plan.excludedHosts).toContain(drained);
    await applyHeal({
      plan,
      maas: site.maas,
      juju: site.day2,
      journalPath: join(dir, 'heal.jsonl'),
      pollIntervalMs: 10,
    });
    await settled(site);
    const status = await site.juju.fullStatus();
    expect(unitCounts(status)).toEqual(before);
    const where = await hostsOfMachines(site);
    for (const app of Object.values(status.applications))
      for (const unit of Object.values(app.units ?? {})) {
        expect(where.get(unit.machine)?.host).not.toBe(failed);
        expect(where.get(unit.machine)?.host).not.toBe(drained);
      }
    const zones = (await controlPlaneHosts()).map((w) => w?.zone);
    expect(new Set(zones).size).toBe(3);
    // The failed host's VMs are left in MAAS for when it returns.
    const vms = (await site.maas.machines.list()).filter(
      (m) => m.pod?.id !== undefined && plan.replacements.some((r) => r.old.hostname === m.hostname),
    );
    expect(vms.length).toBe(plan.replacements.length);
  }, 120_000);

  it('undrain removes the mark', async () => {
    expect(await undrainHost(site.maas, drained)).toEqual({ host: drained, changed: true });
    const host = (await site.maas.vmHosts.list()).find((h) => h.name === drained);
    expect(host?.tags).not.toContain(DRAINED_TAG);
  });
});
