import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedSite, openSite } from '../src/site/open.js';
import { createSiteData } from '../src/site/site-data.js';
import { AppContainer } from '../src/ui/AppContainer.js';
import { KEYS, renderUi } from './support/render.js';

/** The simulated demo site over real HTTP on loopback, fast-forwarded so deploys finish in seconds. */
let site: OpenedSite;
beforeAll(async () => {
  site = await openSite({ kind: 'demo' }, { timeScale: 3000 });
});
afterAll(() => site.close());

// The container closes the SiteData it was given on unmount; keep the shared site open across tests.
const connect = async () => ({ ...createSiteData(site), close: async () => {} });

describe('TUI on the simulated demo site', () => {
  it('shows the site: MAAS, zones, VM host bars, GPU machines and the simulated banner', async () => {
    const app = renderUi(<AppContainer connect={connect} size={{ columns: 80, rows: 24 }} />);
    const frame = await app.waitFor('MAAS 3.7');
    expect(frame).toContain('SIMULATED demo site');
    expect(frame).toContain('zones: default, edge-a,');
    expect(frame).toMatch(/kvm-a1\s+cpu/);
    expect(frame).toContain('GPU machines: gpu-c1×2');
    expect(frame).toContain('N-1: survives any host loss');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThan(24);
    await app.waitFor(/0 apps, 0\/0 units active/, 'the Juju summary from the watcher');
    await app.press('6', /model default: 0 apps/);
    app.unmount();
  });

  it('filters machines, opens details, deploys with confirmation and shows progress', async () => {
    const app = renderUi(<AppContainer connect={connect} initialScreen="machines" />);
    await app.waitFor(/\d+ machines/);
    await app.press('/', 'filter:');
    await app.press('hostname-that-does-not-exist', 'no machine matches the filter');
    await app.press('\u0015', (f) => !f.includes('no machine matches')); // Ctrl-U clears the line
    await app.press('metal-a1', /1 of \d+ machines match "metal-a1"/);
    await app.press(KEYS.enter, (f) => !f.includes('filter:'));
    await app.press(KEYS.enter, /hostname\s+metal-a1/);
    expect(app.screen()).toMatch(/status\s+Ready/);
    await app.press('d', 'Deploy metal-a1');
    await app.press('n', (f) => !f.includes('Deploy metal-a1 ('));
    await app.press('d', 'Deploy metal-a1');
    await app.press('y', /Deploy: metal-a1 accepted by MAAS/);
    // The container polls while the machine changes state: Deploying, then Deployed.
    await app.waitFor(/status\s+Deployed/, 'metal-a1 deployed');
    app.unmount();
  });

  it('edits over-commit ratios, shows both headroom rules, saves through MAAS', async () => {
    const app = renderUi(<AppContainer connect={connect} initialScreen="vmhosts" />);
    const before = await app.waitFor(/headroom, MAAS rule:/);
    // kvm-a1: 32 cores × 4.0; the demo's running VMs use 6 cores (4 + 2).
    expect(before).toMatch(/headroom, MAAS rule:\s+122 cores/);
    await app.press('+', /cpu ×4\.25/);
    expect(app.screen()).toMatch(/headroom, MAAS rule:\s+130 cores/);
    await app.press('s', 'Set over-commit on kvm-a1 to cpu ×4.25, memory ×1?');
    await app.press('y', 'saved ratios of kvm-a1');
    const host = (await site.maas.vmHosts.list()).find((h) => h.name === 'kvm-a1');
    expect(host?.cpu_over_commit_ratio).toBe(4.25);
    await app.waitFor((f) => f.includes('4.25/1') && !f.includes('4.25/1*'));
    app.unmount();
  });
});
