// The terminal UI's first read (site/first-read.ts), in the worker thread of the built bin
// (dist/first-read/worker.cjs) and inline (from source): it chooses the site, hosts the demo's simulators,
// reads the inventory the first screen shows (MAAS's lists first, then the GPUs and the N-1 check), and
// stops them when closed; a bad profile is a one-line
// usage error; on a real site (a MAAS simulator given by MAAS_URL) it reads that site and ends by itself.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MaasClient } from '@edgekit/maas-client';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../src/cli/command.js';
import { openSiteFor } from '../src/cli/site.js';
import { FirstReadError, startFirstRead } from '../src/site/first-read.js';
import { builtFile, isolatedEnv } from './support/bin.js';

let dir: string;
let realSite: MaasSim;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgekit-first-read-'));
  realSite = await startMaasSim({ host: '127.0.0.1', port: 0, site: 'demo', seed: 7 });
});
afterAll(async () => {
  await realSite?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Whether anything still answers at `url` (a stopped simulator refuses the connection). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}api/2.0/version/`);
    return true;
  } catch {
    return false;
  }
}

const WHERE = [
  ['in the worker thread of the built bin', () => builtFile('first-read/worker.cjs')],
  ['inline, from source', () => null],
] as const;

describe.each(WHERE)('the first read, %s', (_where, workerFile) => {
  it('hosts the demo: the lists, the whole inventory, then Juju; the site opens on them and closing stops them', async () => {
    const first = startFirstRead({ flags: {}, env: isolatedEnv(dir), timeScale: 3000 }, workerFile());
    expect(await first.choice).toEqual({ kind: 'demo' });
    const demo = await first.demo;
    expect(demo?.maas.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/MAAS\/$/);
    // The first paint: the lists, with the GPUs and N-1 still to come.
    const lists = await first.inventory;
    expect(lists.maasVersion).toMatch(/^3\.\d+/);
    expect(lists.machines.length).toBeGreaterThan(10);
    expect(lists.vmHosts.length).toBeGreaterThan(0);
    expect(lists).toMatchObject({ gpuScan: 'reading', hostLoss: null });
    expect(lists.machines.every((m) => m.gpus === null)).toBe(true);
    // The same read completed: GPUs read for every bare-metal machine, N-1 checked.
    const inventory = await first.complete;
    expect(inventory.machines.map((m) => m.systemId)).toEqual(lists.machines.map((m) => m.systemId));
    expect(inventory.gpuScan).toBe('complete');
    expect(inventory.hostLoss).toMatchObject({ ok: expect.any(Boolean) });
    expect(inventory.machines.some((m) => (m.gpus ?? 0) > 0)).toBe(true);
    expect(inventory.machines.every((m) => m.gpus !== null)).toBe(true);

    const ctx = { secrets: [] as string[] } as unknown as CommandContext;
    const site = await openSiteFor(ctx, first);
    try {
      expect(site.description).toMatchObject({ simulated: true, jujuEndpoint: 'juju-sim/default' });
      // Every secret of the hosted simulators is known for redaction.
      expect(ctx.secrets).toEqual(expect.arrayContaining(demo?.secrets ?? ['missing']));
      expect(ctx.secrets.length).toBeGreaterThanOrEqual(3);
      const signal = new AbortController().signal;
      // The screens' first load is the first read, completed; the next one reads MAAS again, from this thread.
      expect(await site.loadInventory(signal)).toBe(inventory);
      const again = await site.loadInventory(signal);
      expect(again).not.toBe(inventory);
      expect(again.machines.map((m) => m.hostname)).toEqual(inventory.machines.map((m) => m.hostname));
      expect(site.watchJuju).not.toBeNull();
      expect(site.upgradeJuju).not.toBeNull();
    } finally {
      await site.close();
    }
    expect(await answers(demo?.maas.url ?? '')).toBe(false);
    await first.close(); // a second close is harmless
  });

  it('a profile that does not exist fails the choice with one usage line, and stops', async () => {
    const first = startFirstRead(
      { flags: {}, env: isolatedEnv(dir, { EDGEKIT_PROFILE: 'nope' }) },
      workerFile(),
    );
    const error = await first.choice.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(FirstReadError);
    expect((error as FirstReadError).kind).toBe('usage');
    expect((error as Error).message).toMatch(
      /^no profile "nope"; create it with `edgekit login maas --profile nope`$/,
    );
    await expect(first.inventory).rejects.toBe(error);
    await expect(first.complete).rejects.toBe(error);
    await expect(first.demo).rejects.toBe(error);
    await first.close();
  });

  it('on a real site (MAAS_URL) reads that site, hosts nothing and ends by itself', async () => {
    const env = isolatedEnv(dir, { MAAS_URL: realSite.url, MAAS_API_KEY: realSite.apiKey });
    const first = startFirstRead({ flags: {}, env }, workerFile());
    expect(await first.choice).toMatchObject({ kind: 'real', maas: { url: realSite.url } });
    expect(await first.demo).toBeNull();
    const inventory = await first.complete;
    const machines = await new MaasClient({ url: realSite.url, apiKey: realSite.apiKey }).machines.list();
    expect(inventory.machines.map((m) => m.systemId).sort()).toEqual(machines.map((m) => m.system_id).sort());
    await first.close();
    expect(await answers(realSite.url)).toBe(true);
  });
});
