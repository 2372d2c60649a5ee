// Issue 18: no key is lost on the Planner of a large site (1 000 VM hosts) when keys come in bursts of 10
// (one stdin read each, as a held key or a paste delivers them) while the replans for earlier keys are
// still being worked out. Not a timing test: every burst must reach exactly its count, however long it takes.
import { MaasClient } from '@edgekit/maas-client';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedSite } from '../src/site/open.js';
import { createSiteData } from '../src/site/site-data.js';
import { AppContainer } from '../src/ui/AppContainer.js';
import { KEYS, renderUi } from './support/render.js';

const HOSTS = 1_000;
const KEYS_SENT = 500;
const BURST = 10;

let sim: MaasSim;
beforeAll(async () => {
  sim = await startMaasSim({
    host: '127.0.0.1',
    port: 0,
    site: { large: { hosts: HOSTS, machines: HOSTS } },
    seed: 1,
  });
});
afterAll(() => sim?.close());

/** The large site as the TUI opens a MAAS without Juju. */
function largeSite(): OpenedSite {
  return {
    description: { simulated: true, maasUrl: sim.url, jujuEndpoint: null, profile: null },
    maas: new MaasClient({ url: sim.url, apiKey: sim.apiKey }),
    juju: null,
    jujuNote: 'no Juju controller',
    jujuFailed: false,
    secrets: [sim.apiKey],
    close: async () => undefined,
  };
}

describe(`Planner on large(${HOSTS} hosts), ${KEYS_SENT} keys in bursts of ${BURST}`, () => {
  it('applies every key: each burst moves the count by exactly 10, and the last answer is for the last count', async () => {
    const site = largeSite();
    const app = renderUi(
      <AppContainer
        connect={async () => createSiteData(site)}
        initialScreen="planner"
        size={{ columns: 120, rows: 40 }}
      />,
    );
    try {
      await app.waitFor(/fits: \d+ VMs/, 'the first placement');
      const row = (count: number | string) => new RegExp(`›kubernetes-worker\\s+${count} `);
      const selected = row('(\\d+)').exec(await app.press(KEYS.down, row('\\d+')));
      let expected = Number(selected?.[1]);
      expect(expected).toBeGreaterThanOrEqual(0);
      for (let sent = 0; sent < KEYS_SENT; sent += BURST) {
        const up = (sent / BURST) % 2 === 0;
        expected += up ? BURST : -BURST;
        // The next burst goes as soon as this one's count shows, while its replan is still pending.
        await app.press((up ? '+' : '-').repeat(BURST), row(expected));
      }
      // Latest wins: the placement that finally lands is the one for the last count, not a stale one.
      const last = await app.waitFor(
        (frame) => !frame.includes('replanning') && row(expected).test(frame),
        'the placement for the last count',
      );
      expect(last).toMatch(/fits: \d+ VMs|VMs do not fit/);
      // One more burst of the other key, to see the count was not merely stuck at the right number.
      await app.press('+'.repeat(BURST), row(expected + BURST));
    } finally {
      app.unmount();
    }
  });
});
