import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allUnitsActiveIdle } from '@edgekit/juju-client';
import { afterEach, expect } from 'vitest';
import { planUpgrade, upgradeJujuFromClient } from '../../src/index.js';
import { type SiteOptions, type Sites, startSites } from './apply-helpers.js';
import { ckBundleTexts } from './plan-helpers.js';

const TIME_SCALE = 5000;

/** Both simulators with Charmed Kubernetes 1.35 deployed from its bundle, every unit active and idle. */
export async function deployed135(options: SiteOptions = {}): Promise<Sites> {
  const sites = await startSites({ timeScale: TIME_SCALE, ...options });
  try {
    await sites.jujuClient.deployBundle(ckBundleTexts()[0] as string);
    const watcher = sites.jujuClient.watchModel({ pollIntervalMs: 10 });
    await watcher.waitFor(allUnitsActiveIdle);
    await watcher.stop();
    return sites;
  } catch (error) {
    await sites.close();
    throw error;
  }
}

/** deployed135 for a test file (call at its top level): the site a test starts is closed after it. */
export function deployed135AfterEach(): (options?: SiteOptions) => Promise<Sites> {
  let current: Sites | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => {
    current = await deployed135(options);
    return current;
  };
}

/** The in-place plan to 1.36 of a site deployed135 made, and a fresh journal path for running it. */
export async function plannedTo136(site: Sites) {
  const juju = upgradeJujuFromClient(site.jujuClient);
  const result = await planUpgrade(juju, { to: '1.36' });
  if (result.upToDate) throw new Error('expected a plan');
  const journalPath = join(mkdtempSync(join(tmpdir(), 'upgrade-')), 'upgrade.journal');
  return { juju, planned: result, journalPath };
}

/** Every application on the 1.36 channel, every unit active, Kubernetes units running 1.36.0. */
export async function expectOn136(site: Sites): Promise<void> {
  const status = await site.jujuClient.client.fullStatus();
  for (const [name, app] of Object.entries(status.applications)) {
    expect(app['charm-channel'], name).toBe('1.36/stable');
    for (const [unitName, unit] of Object.entries(app.units ?? {})) {
      expect(unit['workload-status'].status, unitName).toBe('active');
      if (name.startsWith('kubernetes-')) expect(unit['workload-version'], unitName).toBe('1.36.0');
    }
  }
}
