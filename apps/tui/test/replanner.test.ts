// The Planner's solves in the worker thread of the built bin (dist/replan-worker.js, a tsup entry found
// beside the bin): the same answers as solving inline, and latest wins when edits come faster than solves.
import type { InventorySnapshot, PlacementResult } from '@edgekit/edge-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEditor } from '../src/plan/editor.js';
import { placeOnSite, sizeForSite } from '../src/plan/planner.js';
import { Replanner } from '../src/plan/replanner.js';
import type { PlannerSettings } from '../src/plan/settings.js';
import { type OpenedSite, openSite } from '../src/site/open.js';
import { createSiteData } from '../src/site/site-data.js';
import { builtFile } from './support/bin.js';

let workerFile: string;
let site: OpenedSite;
let snapshot: InventorySnapshot;
beforeAll(async () => {
  workerFile = builtFile('replan-worker.js');
  site = await openSite({ kind: 'demo' }, { timeScale: 3000 });
  snapshot = await createSiteData(site).loadSnapshot();
});
afterAll(() => site?.close());

/** A placement without its wall-clock time, the one field two solves of the same problem differ in. */
function untimed(result: PlacementResult | null) {
  if (result === null) return null;
  const { stats, ...rest } = result;
  return { ...rest, stats: stats && { ...stats, timeMs: 0 } };
}

/** The default preset with `count` control-plane VMs. */
function withControlPlanes(count: number): PlannerSettings {
  const settings = newEditor().settings;
  return { ...settings, overrides: { 'control-plane': { count } } };
}

describe('Replanner (worker thread of the built bin)', () => {
  it('answers as the inline solve does', async () => {
    const replanner = new Replanner('place', workerFile);
    try {
      expect(replanner.threaded).toBe(true);
      replanner.setSnapshot(snapshot);
      const settings = withControlPlanes(4);
      const answer = await replanner.solve(settings);
      expect(untimed(answer)).toEqual(untimed(placeOnSite(snapshot, settings)));
      const size = new Replanner('size', workerFile);
      size.setSnapshot(snapshot);
      const sizing = await size.solve(settings);
      size.close();
      const inline = sizeForSite(snapshot, settings);
      expect(sizing?.lowerBound).toEqual(inline?.lowerBound);
      expect(sizing?.hosts).toBe(inline?.hosts);
    } finally {
      replanner.close();
    }
  });

  it('latest wins: of ten edits sent at once only the last is answered, the others come back null', async () => {
    const replanner = new Replanner('place', workerFile);
    try {
      replanner.setSnapshot(snapshot);
      const counts = Array.from({ length: 10 }, (_, i) => i + 1);
      const answers = await Promise.all(counts.map((count) => replanner.solve(withControlPlanes(count))));
      expect(answers.slice(0, -1)).toEqual(counts.slice(0, -1).map(() => null));
      const last = answers.at(-1);
      const controlPlanes = (last?.placements ?? []).filter((p) => p.vm.startsWith('control-plane'));
      expect(
        controlPlanes.length + (last?.unplaced ?? []).filter((u) => u.vm.startsWith('control-plane')).length,
      ).toBe(10);
    } finally {
      replanner.close();
    }
  });

  it('solves inline when there is no worker file (running from source)', async () => {
    const replanner = new Replanner('place', null);
    expect(replanner.threaded).toBe(false);
    replanner.setSnapshot(snapshot);
    const settings = withControlPlanes(2);
    expect(untimed(await replanner.solve(settings))).toEqual(untimed(placeOnSite(snapshot, settings)));
  });
});
