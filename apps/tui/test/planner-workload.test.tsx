import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadWorkloadFile } from '../src/plan/workload-file.js';
import { type OpenedSite, openSite } from '../src/site/open.js';
import { createSiteData } from '../src/site/site-data.js';
import { AppContainer } from '../src/ui/AppContainer.js';
import { renderUi } from './helpers/render.js';
import { CK_BUNDLE } from './helpers/shared.js';

let site: OpenedSite;
beforeAll(async () => {
  site = await openSite({ kind: 'demo' }, { timeScale: 3000 });
});
afterAll(() => site.close());

describe('planner opened on a loaded bundle (edgekit --bundle FILE)', () => {
  it("shows the bundle's roles in the editor and places its machines", async () => {
    const bundle = parse(await readFile(CK_BUNDLE, 'utf8')) as {
      applications: Record<string, { num_units?: number }>;
    };
    const principals = Object.entries(bundle.applications).filter(([, app]) => (app.num_units ?? 0) > 0);
    const machines = principals.reduce((sum, [, app]) => sum + (app.num_units ?? 0), 0);
    const workload = await loadWorkloadFile({ kind: 'bundle', file: CK_BUNDLE });
    const app = renderUi(
      <AppContainer
        connect={async () => createSiteData(site)}
        initialScreen="planner"
        plannerStart={{ workload }}
        size={{ columns: 100, rows: 30 }}
      />,
    );
    const frame = await app.waitFor(new RegExp(`fits: ${machines} VMs`));
    expect(frame).toContain('bundle charmed-kubernetes-1.35');
    // One editor row per application with units: cursor mark, its name (the editor shows 20 characters) and count.
    for (const [name, { num_units }] of principals) {
      expect(frame).toMatch(new RegExp(`^[ ›]${name.slice(0, 20)}\\s+${num_units}\\s+\\d+\\s+\\d+G`, 'm'));
    }
    app.unmount();
  });
});
