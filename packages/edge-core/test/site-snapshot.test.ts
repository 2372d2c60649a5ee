import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JujuClient } from '@edgekit/juju-client';
import { startJujuSim } from '@edgekit/juju-sim';
import { MaasClient } from '@edgekit/maas-client';
import { startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPlan,
  type InventorySnapshot,
  parseSiteSnapshot,
  type SiteSnapshot,
  serializeSiteSnapshot,
  siteSnapshotJsonSchema,
  takeInventory,
  takeSiteSnapshot,
} from '../src/index.js';
import { haEdgePlan, type Sites, startSites } from './support/apply-helpers.js';

const TIME_SCALE = 2000;

/** What may differ between a site and its twin: when and where it was read. */
function comparable(snapshot: SiteSnapshot) {
  return { ...snapshot, takenAt: undefined, source: undefined };
}

function comparableInventory(inventory: InventorySnapshot) {
  return { ...inventory, takenAt: undefined, source: { ...inventory.source, maasUrl: undefined } };
}

/** The FullStatus facts an operator compares: per application its charm, channel, units and where. */
async function statusFacts(client: JujuClient) {
  const status = await client.client.fullStatus();
  return {
    machines: Object.values(status.machines).map((m) => [m.id, m['instance-id'], m['agent-status'].status]),
    applications: Object.entries(status.applications).map(([name, app]) => ({
      name,
      charm: app.charm,
      channel: app['charm-channel'],
      exposed: app.exposed,
      units: Object.entries(app.units ?? {}).map(([unit, u]) => [
        unit,
        u.machine,
        u['workload-status'].status,
        Object.keys(u.subordinates ?? {}).length,
      ]),
    })),
    relations: status.relations.map((r) => r.key).sort(),
  };
}

describe('a digital twin of the demo site with the Charmed Kubernetes HA edge preset applied', () => {
  let site: Sites;
  let original: SiteSnapshot;

  beforeAll(async () => {
    site = await startSites({ timeScale: TIME_SCALE });
    const plan = haEdgePlan(await takeInventory(site.maas), 'twin');
    const journalPath = join(mkdtempSync(join(tmpdir(), 'edgekit-twin-')), 'journal.jsonl');
    await applyPlan({ plan, maas: site.maas, juju: site.juju, journalPath, pollIntervalMs: 20 });
    original = await takeSiteSnapshot(site.maas, site.jujuClient);
  }, 90_000);
  afterAll(async () => site?.close());

  it('captures the whole site and no secret', () => {
    expect(original.maas.vmHosts).toHaveLength(6);
    expect(original.maas.machines.filter((m) => m.vmHostId !== null).length).toBeGreaterThan(12);
    expect(original.juju?.applications.map((a) => a.name)).toContain('kubernetes-control-plane');
    expect(original.juju?.units.length).toBeGreaterThan(6);
    const text = serializeSiteSnapshot(original);
    for (const secret of [site.maasSim.apiKey, ...site.maasSim.apiKey.split(':'), site.jujuSim.password])
      expect(text).not.toContain(secret);
  });

  it('serves a twin whose snapshot, inventory and FullStatus equal the site', async () => {
    // Through the file format, as `edgekit sim all --from site.yaml` reads it.
    const document = parseSiteSnapshot(serializeSiteSnapshot(original), 'site.yaml');
    const maasSim = await startMaasSim({ site: { snapshot: document }, timeScale: TIME_SCALE });
    const jujuSim = await startJujuSim({
      maas: { url: maasSim.url, apiKey: maasSim.apiKey },
      from: document,
      timeScale: TIME_SCALE,
    });
    const maas = new MaasClient({ url: maasSim.url, apiKey: maasSim.apiKey });
    const juju = await JujuClient.connect(jujuSim.modelLogin());
    try {
      const twin = await takeSiteSnapshot(maas, juju);
      expect(comparable(twin)).toEqual(comparable(original));
      expect(comparableInventory(await takeInventory(maas))).toEqual(
        comparableInventory(await takeInventory(site.maas)),
      );
      expect(await statusFacts(juju)).toEqual(await statusFacts(site.jujuClient));
    } finally {
      await juju.close();
      await jujuSim.close();
      await maasSim.close();
    }
  }, 60_000);
});

describe('the site snapshot document', () => {
  it('publishes a JSON schema that is exactly the zod schema', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../schema/site-snapshot.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(siteSnapshotJsonSchema());
  });
});
