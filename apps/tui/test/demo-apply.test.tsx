import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedSite, openSite } from '../src/site/open.js';
import { createSiteData } from '../src/site/site-data.js';
import { AppContainer } from '../src/ui/AppContainer.js';
import { renderUi } from './support/render.js';

let site: OpenedSite;
let planDir: string;
beforeAll(async () => {
  site = await openSite({ kind: 'demo' }, { timeScale: 3000 });
  planDir = await mkdtemp(join(tmpdir(), 'edgekit-plans-'));
});
afterAll(async () => {
  await site.close();
  await rm(planDir, { recursive: true, force: true });
});

describe('planner → apply → Juju status on the simulated demo site', () => {
  it('plans the CK HA edge preset, previews, applies and ends with every unit active', async () => {
    const app = renderUi(
      <AppContainer connect={async () => createSiteData(site)} initialScreen="planner" planDir={planDir} />,
    );
    const first = await app.waitFor(/fits: 7 VMs\s+on \d+ hosts/);
    expect(first).toContain('preset charmed-kubernetes-ha-edge');
    expect(first).toMatch(/bound \d+ \(/);
    await app.waitFor(/sizing: \d+ hosts/);
    // One more control-plane VM: zone anti-affinity allows one per zone, so the fourth cannot be placed.
    await app.press('+', /1 VMs do not fit: 7 VMs/);
    expect(app.screen()).toMatch(/control-plane\/3: /);
    await app.press('-', /fits: 7 VMs/);
    await app.press('s', /saved .*charmed-kubernetes-ha-edge-[0-9a-f]+\.plan\.yaml/);
    await app.press('5', /plan [0-9a-f]+ \(charmed-kubernetes-ha-edge\): 7 machines/);
    await app.press('D', 'dry run: nothing was changed');
    expect(app.screen()).toMatch(/to compose \(7\)/);
    const before = site.maas;
    expect((await before.machines.list()).some((m) => m.hostname.includes('control-plane'))).toBe(false);
    const prompt = await app.press('a', /Apply plan [0-9a-f]+ to demo/);
    expect(prompt).toContain('r rehearse first');
    // Rehearse first: the plan runs on a twin of the site; the site itself is only read.
    const rehearsed = await app.press('r', /rehearsed plan [0-9a-f]+ on a twin of .*: it succeeded/);
    expect(rehearsed).toMatch(/\d+ calls \(maas \d+, juju \d+\); all of them, in order: edgekit rehearse /);
    expect(rehearsed).toContain('VM hosts at the end:');
    expect(rehearsed).toMatch(/Apply plan [0-9a-f]+ to demo/);
    expect((await before.machines.list()).some((m) => m.hostname.includes('control-plane'))).toBe(false);
    await app.press('y', /applied plan [0-9a-f]+: 7 machines/);
    // The event log went through <Static>: finished steps are in the output once.
    const log = app.frames.join('');
    expect(log).toMatch(/ok /);
    await app.press('6', (f) => /units active/.test(f));
    const status = await app.waitFor(/model default: \d+ apps, (\d+)\/\1 units active/, 'every unit active');
    expect(status).toContain('kubernetes-control-plane');
    app.unmount();
  });
});
