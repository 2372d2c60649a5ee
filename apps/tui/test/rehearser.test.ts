// "Rehearse first" in the worker thread of the built bin (dist/rehearse-worker.js, a tsup entry found
// beside the bin): the same report as rehearsing inline, the site itself untouched, and an abort that
// stops the twin's thread at once.
import type { SiteSnapshot } from '@edgekit/edge-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetBundleTexts } from '../src/plan/bundles.js';
import { newEditor } from '../src/plan/editor.js';
import { planForSite } from '../src/plan/planner.js';
import { rehearseOffThread } from '../src/plan/rehearser.js';
import { type OpenedSite, openSite } from '../src/site/open.js';
import { createSiteData } from '../src/site/site-data.js';
import { builtFile } from './support/bin.js';

let workerFile: string;
let site: OpenedSite;
let snapshot: SiteSnapshot;
beforeAll(async () => {
  workerFile = builtFile('rehearse-worker.js');
  site = await openSite({ kind: 'demo' }, { timeScale: 3000 });
  snapshot = await createSiteData(site).takeSiteSnapshot(new AbortController().signal);
});
afterAll(() => site?.close());

async function demoPlan() {
  const inventory = await createSiteData(site).loadSnapshot();
  return planForSite(inventory, newEditor().settings, await presetBundleTexts());
}

describe('rehearseOffThread (worker thread of the built bin)', () => {
  it('reports what the inline rehearsal reports, and leaves the site as it was', async () => {
    const document = await demoPlan();
    const signal = new AbortController().signal;
    const [threaded, inline] = await Promise.all([
      rehearseOffThread({ subject: document, snapshot }, signal, workerFile),
      rehearseOffThread({ subject: document, snapshot }, signal, null),
    ]);
    expect(threaded.ok).toBe(true);
    expect(threaded.error).toBeNull();
    const names = (r: typeof threaded) => r.calls.map((c) => `${c.phase} ${c.step} ${c.service} ${c.call}`);
    expect(names(threaded).sort()).toEqual(names(inline).sort());
    expect(threaded.hosts).toEqual(inline.hosts);
    expect(threaded.applications.map((a) => [a.name, a.units.length])).toEqual(
      inline.applications.map((a) => [a.name, a.units.length]),
    );
    expect(threaded.hosts.reduce((n, h) => n + h.vms.length, 0)).toBeGreaterThan(
      snapshot.maas.vmHosts.reduce((n, h) => n + h.vms.length, 0),
    );
    const vms = (await site.maas.machines.list()).filter((m) => m.hostname.startsWith(`ek-${document.id}`));
    expect(vms).toEqual([]);
  }, 120_000);

  it('stops when aborted, with the abort as the reason', async () => {
    const document = await demoPlan();
    const controller = new AbortController();
    const running = rehearseOffThread({ subject: document, snapshot }, controller.signal, workerFile);
    controller.abort(new Error('operator cancelled'));
    await expect(running).rejects.toThrow('operator cancelled');
  });
});
