import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jujuLines } from '../src/site/juju-lines.js';
import { readModelOnce } from '../src/site/juju-watch.js';
import { type OpenedSite, openSite } from '../src/site/open.js';
import { createSiteData } from '../src/site/site-data.js';
import { AppContainer } from '../src/ui/AppContainer.js';
import { renderUi } from './support/render.js';

let site: OpenedSite;
let planDir: string;
beforeAll(async () => {
  site = await openSite({ kind: 'demo' }, { timeScale: 3000 });
  planDir = await mkdtemp(join(tmpdir(), 'edgekit-upgrade-plans-'));
});
afterAll(async () => {
  await site.close();
  await rm(planDir, { recursive: true, force: true });
});

describe('the Upgrade screen on the simulated demo site', () => {
  it('deploys CK 1.35 with one key, plans, upgrades with a pause in between, and ends on 1.36', async () => {
    const app = renderUi(
      <AppContainer
        connect={async () => createSiteData(site)}
        initialScreen="upgrade"
        planDir={planDir}
        size={{ columns: 100, rows: 40 }}
      />,
    );
    await app.waitFor(/No Charmed Kubernetes in this model/);
    await app.press('d', /deploying Charmed Kubernetes 1\.35/);
    await app.waitFor(/p plan the upgrade to the next minor/, 'CK 1.35 deployed');
    await app.waitFor(/kubernetes-worker\s+1\.35\/stable\s+3\s+3\s+1\.35\.0/, 'workers serving 1.35');
    // The Juju screen's application columns, as `juju status` has them, at 80 and 120 columns.
    if (site.juju === null) throw new Error('the demo has a Juju model');
    const model = await readModelOnce(site.juju.client);
    for (const width of [80, 120]) {
      const lines = jujuLines(model, width).map((line) => line.text);
      // Table rows fit the width (relation lines are free text the view truncates).
      expect(lines.filter((line) => !line.startsWith('  ') && line.length > width)).toEqual([]);
      const charm = width >= 110 ? 'CHARM\\s+' : '';
      expect(lines[0]).toMatch(
        new RegExp(`^APP\\s+STATUS\\s+SCALE\\s+${charm}CHANNEL\\s+REV\\s+VERSION\\s+MESSAGE`),
      );
      expect(lines.find((line) => line.startsWith('kubernetes-worker '))).toMatch(
        /^kubernetes-worker\s+active\s+3\/3\s+(kubernetes-worker\s+)?1\.35\/stable\s+\d+\s+1\.35\.0/,
      );
    }
    await app.press('p', /STEPS 0\/19 done/);
    expect(app.screen()).toMatch(/Upgrade 1\.35 -> 1\.36, in-place: upgrade-[0-9a-f]+ \(19 steps/);
    expect(await readdir(planDir)).toEqual([expect.stringMatching(/^upgrade-1\.36-[0-9a-f]+\.yaml$/)]);
    await app.press('u', /Upgrade Kubernetes on demo .* to 1\.36 \(upgrade-[0-9a-f]+\)\? y yes/);
    // Rehearse first: the whole upgrade on a twin of the site; the site stays on 1.35 meanwhile.
    const rehearsed = await app.press(
      'r',
      /rehearsed upgrade upgrade-[0-9a-f]+ on a twin of .*: it succeeded/,
    );
    expect(rehearsed).toMatch(/kubernetes-worker \(1\.36\/stable\): 3 units on /);
    expect(
      (await site.juju?.client.client.fullStatus())?.applications['kubernetes-worker']?.['charm-channel'],
    ).toBe('1.35/stable');
    await app.press('y', /z pause after this step/);
    await app.press('z', /Paused between steps: u resumes from the journal/);
    const paused = app.screen();
    const doneAtPause = Number(/STEPS (\d+)\/19 done/.exec(paused)?.[1]);
    expect(doneAtPause).toBeGreaterThan(0);
    expect(doneAtPause).toBeLessThan(19);
    await app.press('u', /Upgrade Kubernetes on demo/);
    await app.press('y', /upgraded to 1\.36: every step done/);
    const end = app.screen();
    expect(end).toMatch(/STEPS 19\/19 done/);
    // Every application on the new channel; the control plane and workers report the 1.36 workload.
    await app.waitFor(/kubernetes-worker\s+1\.36\/stable\s+3\s+3\s+1\.36\.0/, 'workers on 1.36');
    expect(app.screen()).toMatch(/kubernetes-control-plane\s+1\.36\/stable\s+2\s+2\s+1\.36\.0/);
    expect(app.screen()).not.toMatch(/1\.35\/stable/);
    expect(app.screen()).toMatch(/p plan the upgrade to the next minor/);
    // The Juju screen follows the refresh: the channel read again when the watcher saw the charm change.
    await app.press('6', /^kubernetes-worker\s+active\s+3\/3\s+1\.36\/stable\s+\d+\s+1\.36\.0/m);
    app.unmount();
  }, 120_000);
});
