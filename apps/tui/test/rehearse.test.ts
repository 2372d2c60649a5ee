// A plan rehearsed on a digital twin of a site, then applied to the site itself, makes exactly the calls
// the rehearsal reported, and the site ends where the twin ended.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApplyEvent,
  applyPlan,
  jujuApiFromClient,
  type Plan,
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
import { callsOf, type RehearsedCall, rehearse } from '../src/plan/rehearse.js';

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
    const site = normalized(callsOf(events), result.machines);
    const twin = normalized(rehearsal.calls, rehearsal.machines);
    expect(rehearsal.calls.length).toBeGreaterThan(40);
    expect([...twin.keys()]).toEqual([...site.keys()]);
    for (const [phase, calls] of site) {
      // VMs are composed, waited for and tagged in parallel: within that phase only the set is fixed.
      if (phase === 'machines') expect([...(twin.get(phase) ?? [])].sort()).toEqual([...calls].sort());
      else expect(twin.get(phase)).toEqual(calls);
    }

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
    expect(rehearsal.applications.map((app) => [app.name, app.channel, app.units.length])).toEqual(
      Object.entries(status.applications).map(([name, app]) => [
        name,
        app['charm-channel'],
        Object.keys(app.units ?? {}).length,
      ]),
    );
  }, 120_000);
});
