// Heal on a site without room for every replacement: etcd and the control plane come back first, what
// does not fit is explained with the engine's words, and the journal says so too.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from '@edgekit/common';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyHeal, Journal, planHeal } from '../src/index.js';
import { controlPlaneHost, failHost } from './support/day2-crash.js';
import { type Day2Site, haEdgeSite, hostsOfMachines, unitCounts } from './support/day2-site.js';

const GIB = 1024;
let site: Day2Site;
beforeAll(async () => {
  site = await haEdgeSite('noroom');
}, 60_000);
afterAll(() => site?.close());

it('restores etcd and the control plane first and explains the rest', async () => {
  const before = unitCounts(await site.juju.fullStatus());
  const where = await hostsOfMachines(site);
  const status = await site.juju.fullStatus();
  const failed = await controlPlaneHost(site);
  const hosts = await site.maas.vmHosts.list();
  const zoneOf = (name: string) => hosts.find((h) => h.name === name)?.zone.name;
  // Fail a worker's host too (in another zone), so there is more to restore than the room left.
  const workerHost = Object.values(status.applications['kubernetes-worker']?.units ?? {})
    .map((u) => where.get(u.machine)?.host)
    .find((h) => h !== undefined && zoneOf(h) !== zoneOf(failed));
  expect(workerHost).toBeDefined();
  // Fill every surviving host: the failed host's zone-mate keeps room for one control plane (16 GiB),
  // not also a worker (8 GiB); the others keep less than any VM of the preset needs.
  const mate = hosts.find((h) => h.zone.name === zoneOf(failed) && h.name !== failed);
  for (const host of hosts) {
    if (host.name === failed || host.name === workerHost) continue;
    const free = host.memory_over_commit_ratio * host.total.memory - host.used.memory;
    const keep = host.name === mate?.name ? 20 * GIB : 2 * GIB;
    await site.maas.vmHosts.compose(host.id, {
      cores: 1,
      memory: Math.floor(free - keep),
      hostname: `fill-${host.name}`,
    });
  }
  await failHost(site, failed);
  await failHost(site, workerHost as string);

  const plan = await planHeal({ maas: site.maas, juju: site.day2 });
  const restored = plan.replacements.flatMap((r) => r.units.map((u) => u.application));
  expect(restored).toContain('etcd');
  expect(restored).toContain('kubernetes-control-plane');
  expect(plan.replacements[0]?.compose.vmHostName).toBe(mate?.name);
  const explained = plan.unplaced.flatMap((u) => u.units.map((unit) => unit.application));
  expect(explained).toContain('kubernetes-worker');
  for (const left of plan.unplaced) expect(left.why).toMatch(/memory/i);

  const journalPath = join(mkdtempSync(join(tmpdir(), 'ek-noroom-')), 'heal.jsonl');
  const result = await applyHeal({ plan, maas: site.maas, juju: site.day2, journalPath, pollIntervalMs: 10 });
  expect(result.unplaced).toEqual(plan.unplaced);
  // The lost worker stays lost (there is no room for it), so wait for the restored applications only.
  let after = unitCounts(await site.juju.fullStatus());
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(10)) {
    const live = await site.juju.fullStatus();
    after = unitCounts(live);
    const units = ['etcd', 'kubernetes-control-plane'].flatMap((app) =>
      Object.values(live.applications[app]?.units ?? {}),
    );
    if (units.every((u) => u['workload-status'].status === 'active')) break;
  }
  expect(after.etcd).toBe(before.etcd);
  expect(after['kubernetes-control-plane']).toBe(before['kubernetes-control-plane']);
  // Lost units of what did not fit stay until there is room: the model still counts them, down.
  const journal = Journal.read(journalPath);
  for (const left of plan.unplaced) {
    const said = journal.find((r) => r.kind === 'outcome' && r.step === `replace:${left.hostname}`);
    expect(said).toMatchObject({ ok: false });
  }
  expect(journal.at(-1)).toMatchObject({ kind: 'end', status: 'done' });
  // Every call the journal announced has its answer: nothing half-done.
  const intents = journal.filter((r) => r.kind === 'intent').map((r) => r.step);
  const outcomes = new Set(journal.filter((r) => r.kind === 'outcome').map((r) => r.step));
  expect(intents.filter((step) => !outcomes.has(step))).toEqual([]);
}, 120_000);
