// A plan rehearsed on a digital twin of a site, then applied to the site itself, makes exactly the calls
// the rehearsal reported, and the site ends where the twin ended.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApplyEvent,
  applyDrain,
  applyHeal,
  applyPlan,
  type Day2Juju,
  day2JujuFromClient,
  jujuApiFromClient,
  type Plan,
  planDrain,
  planHeal,
  planWorkload,
  presets,
  takeInventory,
  takeSiteSnapshot,
  workloadFromPreset,
} from '@edgekit/edge-core';
import { JujuClient } from '@edgekit/juju-client';
import { type JujuSim, startJujuSim } from '@edgekit/juju-sim';
import { MaasClient } from '@edgekit/maas-client';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetBundleTexts } from '../src/plan/bundles.js';
import {
  callsOf,
  type Day2Request,
  type Rehearsal,
  type RehearsedCall,
  rehearse,
} from '../src/plan/rehearse.js';

let dir: string;
let maasSim: MaasSim;
let jujuSim: JujuSim;
let maas: MaasClient;
let client: JujuClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgekit-rehearse-test-'));
  maasSim = await startMaasSim({ site: 'demo', timeScale: 2000, seed: 11 });
  jujuSim = await startJujuSim({ maas: { url: maasSim.url, apiKey: maasSim.apiKey }, timeScale: 2000 });
  maas = new MaasClient({ url: maasSim.url, apiKey: maasSim.apiKey });
  client = await JujuClient.connect(jujuSim.modelLogin());
});

afterAll(async () => {
  await client?.close();
  await jujuSim?.close();
  await maasSim?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * A call as text with the system ids of machines the run created written as their hostnames: a twin
 * composes the same VMs as the site, but MAAS gives them new system ids.
 */
function normalized(
  calls: readonly RehearsedCall[],
  machines: Record<string, string>,
): Map<string, string[]> {
  const byPhase = new Map<string, string[]>();
  for (const call of calls) {
    let text = `${call.service} ${call.call} ${call.step} ${JSON.stringify(call.params)}`;
    for (const [hostname, systemId] of Object.entries(machines))
      text = text.split(systemId).join(`<${hostname}>`);
    byPhase.set(call.phase, [...(byPhase.get(call.phase) ?? []), text]);
  }
  return byPhase;
}

/** The site's calls match the rehearsal's, phase by phase (the parallel machines phase as a set). */
function expectSameCalls(
  rehearsal: Rehearsal,
  siteEvents: readonly ApplyEvent[],
  siteMachines: Record<string, string>,
  siteId: string,
): void {
  // A drain or heal is planned twice (twin, then site): the plan id is the one thing that differs.
  const renamed = rehearsal.calls.map((call) =>
    JSON.parse(JSON.stringify(call).split(rehearsal.id).join(siteId)),
  );
  const site = normalized(callsOf(siteEvents), siteMachines);
  const twin = normalized(renamed, rehearsal.machines);
  expect([...twin.keys()]).toEqual([...site.keys()]);
  for (const [phase, calls] of site) {
    // VMs are composed, waited for and tagged in parallel: within that phase only the set is fixed.
    if (phase === 'machines') expect([...(twin.get(phase) ?? [])].sort()).toEqual([...calls].sort());
    else expect(twin.get(phase)).toEqual(calls);
  }
}

/** The site ends where the twin ended: VMs and use per host, units per application. */
async function expectSameEndState(rehearsal: Rehearsal): Promise<void> {
  const inventory = await takeInventory(maas);
  expect(rehearsal.hosts.map((h) => [h.name, h.vms, h.cores.used, h.memoryMiB.used])).toEqual(
    inventory.vmHosts.map((h) => [
      h.name,
      h.vms.map((vm) => vm.hostname).sort(),
      h.used.cores,
      h.used.memoryMiB,
    ]),
  );
  const status = await client.client.fullStatus();
  expect(
    rehearsal.applications.map((app) => [app.name, app.channel, app.units.map((u) => u.hostname).sort()]),
  ).toEqual(
    Object.entries(status.applications).map(([name, app]) => [
      name,
      app['charm-channel'],
      Object.values(app.units ?? {})
        .map((u) => status.machines[u.machine]?.hostname ?? '')
        .sort(),
    ]),
  );
}

const siteMutations = () => maasSim.stats().mutating + jujuSim.stats().mutatingRequests;

describe('edgekit rehearse', () => {
  it('reports exactly the calls that applying the plan to the site then makes, and its end state', async () => {
    const preset = presets['charmed-kubernetes-ha-edge'];
    if (preset === undefined) throw new Error('the HA edge preset is missing');
    const plan: Plan = planWorkload({
      inventory: await takeInventory(maas),
      workload: workloadFromPreset(preset, await presetBundleTexts()),
      objective: 'spread',
      timeLimitMs: 50,
      id: 'rehearsed',
    });
    const snapshot = await takeSiteSnapshot(maas, client);
    const mutatingBefore = maasSim.stats().mutating + jujuSim.stats().mutatingRequests;

    const rehearsal = await rehearse(plan, snapshot);
    expect(rehearsal.error).toBeNull();
    expect(rehearsal.ok).toBe(true);
    expect(rehearsal.failed).toEqual([]);
    // The rehearsal never touched the site.
    expect(maasSim.stats().mutating + jujuSim.stats().mutatingRequests).toBe(mutatingBefore);

    const events: ApplyEvent[] = [];
    const result = await applyPlan({
      plan,
      maas,
      juju: jujuApiFromClient(client, jujuSim.modelLogin().modelUUID),
      journalPath: join(dir, 'journal.jsonl'),
      pollIntervalMs: 20,
      onEvent: (event) => events.push(event),
    });
    expect(rehearsal.calls.length).toBeGreaterThan(40);
    expectSameCalls(rehearsal, events, result.machines, plan.id);
    await expectSameEndState(rehearsal);
  }, 120_000);

  // Runs on the site the first test applied the HA edge preset to.
  it('rehearses a drain, then a heal after a host fails: the site then makes the same calls', async () => {
    const juju = day2JujuFromClient(client, jujuSim.modelLogin().modelUUID);
    const withUnits = (await takeInventory(maas)).vmHosts.filter((h) => h.vms.length > 0);
    const [drained, failing] = withUnits.map((h) => h.name);
    if (drained === undefined || failing === undefined) throw new Error('the demo needs two VM hosts in use');

    // Drain: planned on the twin as `edgekit drain HOST` plans it on the site.
    const drain = await rehearseThenRun({ kind: 'drain', host: drained }, juju);
    expect(drain.kind).toBe('DrainPlan');

    // Heal: a host fails; once Juju shows its machines down, the twin inherits them down.
    expect((await fetch(`${maasSim.url}_sim/vm-hosts/${failing}/fail/`, { method: 'POST' })).status).toBe(
      200,
    );
    await expect
      .poll(async () => (await planHeal({ maas, juju })).replacements.length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    const heal = await rehearseThenRun({ kind: 'heal' }, juju);
    expect(heal.kind).toBe('HealPlan');
  }, 180_000);
});

/**
 * Rehearses a drain or heal on a twin of the site as it is now (planned on the twin), then plans and runs
 * it on the site itself: the site is untouched by the rehearsal, and then makes the same calls and ends
 * in the same state.
 */
async function rehearseThenRun(subject: Day2Request, juju: Day2Juju): Promise<Rehearsal> {
  const before = siteMutations();
  const rehearsal = await rehearse(subject, await takeSiteSnapshot(maas, client));
  expect(rehearsal.error).toBeNull();
  expect(Object.keys(rehearsal.machines).length).toBeGreaterThan(0);
  expect(siteMutations()).toBe(before);
  const plan =
    subject.kind === 'drain'
      ? await planDrain({ maas, juju, host: subject.host })
      : await planHeal({ maas, juju });
  const events: ApplyEvent[] = [];
  const options = {
    plan,
    maas,
    juju,
    journalPath: join(dir, `${subject.kind}.jsonl`),
    pollIntervalMs: 20,
    onEvent: (event: ApplyEvent) => events.push(event),
  };
  await (subject.kind === 'drain' ? applyDrain(options) : applyHeal(options));
  expectSameCalls(rehearsal, events, await hostnamesToIds(Object.keys(rehearsal.machines)), plan.id);
  await expectSameEndState(rehearsal);
  return rehearsal;
}

/** The site's system ids of these hostnames. */
async function hostnamesToIds(hostnames: readonly string[]): Promise<Record<string, string>> {
  const wanted = new Set(hostnames);
  const machines = (await maas.machines.list()).filter((m) => wanted.has(m.hostname));
  return Object.fromEntries(machines.map((m) => [m.hostname, m.system_id]));
}
