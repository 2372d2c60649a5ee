import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyPlan,
  jujuApiFromClient,
  planWorkload,
  presets,
  takeInventory,
  workloadFromPreset,
} from '@edgekit/edge-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseSite } from '../src/site/choose.js';
import { type OpenedSite, openSite } from '../src/site/open.js';
import { createSiteData } from '../src/site/site-data.js';
import { AppContainer } from '../src/ui/AppContainer.js';
import { CK_BUNDLE } from './support/fixtures.js';
import { type LabSite, startLabSite } from './support/lab-site.js';
import { renderUi } from './support/render.js';

// Drain, heal and undrain from the VM hosts screen, against both simulators with the HA edge preset
// applied: each asks first, shows its steps in the footer as they happen, and the drained mark shows.
const TIME_SCALE = 5000;
let lab: LabSite;
let site: OpenedSite;

beforeAll(async () => {
  lab = await startLabSite(TIME_SCALE, 'edgekit-day2-tui-');
  site = await openSite(await chooseSite({ profile: 'lab' }, lab.env));
  const preset = presets['charmed-kubernetes-ha-edge'];
  if (!preset || !site.juju) throw new Error('no preset or no Juju');
  const plan = planWorkload({
    inventory: await takeInventory(site.maas),
    workload: workloadFromPreset(preset, [readFileSync(CK_BUNDLE, 'utf8')]),
    timeLimitMs: 50,
    id: 'tuiday2',
  });
  await applyPlan({
    plan,
    maas: site.maas,
    juju: jujuApiFromClient(site.juju.client, site.juju.modelUUID),
    journalPath: join(lab.dir, 'apply.jsonl'),
    pollIntervalMs: 10,
  });
}, 60_000);
afterAll(async () => {
  await site?.close();
  await lab?.close();
});

/** VM hosts in the screen's order, and the one carrying the first control-plane VM (not `skip`). */
async function controlPlaneHost(skip?: string) {
  const [machines, hosts] = await Promise.all([site.maas.machines.list(), site.maas.vmHosts.list()]);
  const ids = machines
    .filter((m) => m.hostname.includes('-control-plane-') && m.status_name === 'Deployed')
    .map((m) => m.pod?.id);
  const host = hosts.find((h) => ids.includes(h.id) && h.name !== skip);
  return { host: host?.name ?? '', index: hosts.findIndex((h) => h.name === host?.name) };
}

describe('Day 2 from the VM hosts screen', () => {
  it('drains a host, heals after another fails, and undrains', async () => {
    const app = renderUi(
      <AppContainer
        connect={async () => createSiteData(site, { pollIntervalMs: 20, planDir: lab.dir })}
        planDir={lab.dir}
        size={{ columns: 110, rows: 40 }}
      />,
    );
    try {
      await app.waitFor(/kvm-/);
      await app.press('3', /STATE/);
      const drained = await controlPlaneHost();
      await app.press('j'.repeat(drained.index), new RegExp(`${drained.host} ratios`));
      await app.press('D', new RegExp(`Drain ${drained.host}: move its units`));
      // Rehearse first: the drain planned and run on a twin; then y drains the site itself.
      const rehearsed = await app.press('r', /rehearsed drain [a-z0-9]+ on a twin of .*: it succeeded/);
      expect(rehearsed).toContain(`all of them, in order: edgekit rehearse drain ${drained.host}`);
      await app.press('y', new RegExp(`drain ${drained.host}: [1-9]\\d* VMs replaced`));
      await app.waitFor(/drained: no plan, drain or heal places VMs here/);
      expect(app.screen()).toMatch(new RegExp(`${drained.host}.*drained`));

      const failed = await controlPlaneHost(drained.host);
      expect(
        (await fetch(`${lab.maas.url}_sim/vm-hosts/${failed.host}/fail/`, { method: 'POST' })).status,
      ).toBe(200);
      // Juju's instance poller takes a moment: heal until it has something to replace.
      for (let tries = 0; ; tries += 1) {
        await app.press('H', /Heal: restore the units/);
        const frame = await app.press('y', /heal: \d+ VMs replaced/);
        if (!/heal: 0 VMs replaced/.test(frame) || tries > 50) break;
      }
      expect(app.screen()).toMatch(/heal: [1-9]\d* VMs replaced/);

      await app.press('U', new RegExp(`Undrain ${drained.host}`));
      await app.press('y', new RegExp(`${drained.host} is no longer drained`));
    } finally {
      app.unmount();
    }
  }, 120_000);
});
