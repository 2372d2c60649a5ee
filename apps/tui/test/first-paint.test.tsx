// A real site's first paint (site/first-read.ts, useInventory's firstPaint): with the MAAS simulator's
// GPU reads slowed (its 'slow' fault on node devices), the screens show the site from MAAS's lists at
// once (GPUs "reading…", N-1 "checking…"), then the completed read.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../src/cli/command.js';
import { openSiteFor } from '../src/cli/site.js';
import { startFirstRead } from '../src/site/first-read.js';
import { AppContainer } from '../src/ui/AppContainer.js';
import { isolatedEnv } from './support/bin.js';
import { renderUi } from './support/render.js';

// Long enough that opening the site surely ends first, even on a loaded machine (two rounds of eight reads).
const GPU_READ_DELAY_MS = 3000;

let dir: string;
let sim: MaasSim;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgekit-first-paint-'));
  sim = await startMaasSim({
    host: '127.0.0.1',
    port: 0,
    site: 'demo',
    faults: { rules: [{ path: /\/devices\/$/, kind: 'slow', delayMs: GPU_READ_DELAY_MS }] },
  });
});
afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a real site whose GPU reads are slow', () => {
  it('is drawn from the lists first, then from the completed read', async () => {
    const env = isolatedEnv(dir, { MAAS_URL: sim.url, MAAS_API_KEY: sim.apiKey });
    const first = startFirstRead({ flags: {}, env }, null);
    const ctx = { secrets: [] as string[], env } as unknown as CommandContext;
    const opening = openSiteFor(ctx, first);
    const app = renderUi(
      <AppContainer connect={() => opening} firstPaint={first.inventory} size={{ columns: 100, rows: 30 }} />,
    );
    try {
      await app.waitFor('GPU machines: reading…');
      expect(app.screen()).toMatch(/machines: 21/);
      expect(app.screen()).toContain('N-1: checking…');
      await app.waitFor(/GPU machines: gpu-\S+×\d/);
      expect(app.screen()).toMatch(/N-1: (survives|not losing)/);
    } finally {
      app.unmount();
      await (await opening).close();
      await first.close();
    }
  });
});
