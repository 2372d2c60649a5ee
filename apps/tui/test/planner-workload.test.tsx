import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadWorkloadFile } from '../src/plan/workload-file.js';
import { type OpenedSite, openSite } from '../src/site/open.js';
import { createSiteData } from '../src/site/site-data.js';
import { AppContainer } from '../src/ui/AppContainer.js';
import { CK_BUNDLE } from './support/fixtures.js';
import { renderUi } from './support/render.js';

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

describe('planner opened on a workload file (edgekit --workload FILE)', () => {
  it('names the roles that get the ubuntu charm, cycles through the presets and back to the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgekit-workload-'));
    const file = join(dir, 'edge-db.yaml');
    await writeFile(
      file,
      'vms:\n  - { name: db, count: 2, cores: 2, memory: 4G }\n  - { name: cache, count: 1, cores: 1, memory: 2G }\n',
    );
    const workload = await loadWorkloadFile({ kind: 'workload', file });
    // Its own demo: the container closes its site when it unmounts.
    const own = await openSite({ kind: 'demo' }, { timeScale: 3000 });
    const app = renderUi(
      <AppContainer
        connect={async () => createSiteData(own)}
        initialScreen="planner"
        plannerStart={{ workload }}
        planDir={dir}
        size={{ columns: 100, rows: 30 }}
      />,
    );
    try {
      const frame = await app.waitFor(/fits: 3 VMs/);
      expect(frame).toContain('workload edge-db');
      await app.waitFor('ubuntu charm (none named): db, cache');
      // Spread is the objective: no "gap" against the fewest hosts it is not trying for.
      expect(app.screen()).toContain('spread on purpose');
      expect(app.screen()).not.toMatch(/gap \d+%/);
      await app.press('p', 'preset charmed-kubernetes');
      expect(app.screen()).not.toContain('ubuntu charm');
      let guard = 0;
      while (!app.screen().includes('workload edge-db') && guard++ < 5) {
        const before = app.screen();
        await app.press('p', (f) => f !== before);
      }
      expect(app.screen()).toContain('workload edge-db');
      await app.waitFor('ubuntu charm (none named): db, cache');

      // x: save the plan and export what `juju deploy` takes, beside it.
      const exported = await app.press(
        'x',
        /wrote edge-db-[0-9a-f]+ \.plan\.yaml \.bundle\.yaml \.overlay\.yaml/,
      );
      const base = /wrote (edge-db-[0-9a-f]+) /.exec(exported)?.[1];
      expect(base, exported).toBeDefined();
      const bundle = parse(await readFile(join(dir, `${base}.bundle.yaml`), 'utf8'));
      expect(bundle.applications.db).toMatchObject({ charm: 'ubuntu', num_units: 2 });
      expect(bundle.applications.cache).toMatchObject({ charm: 'ubuntu', num_units: 1 });
      const overlay = parse(await readFile(join(dir, `${base}.overlay.yaml`), 'utf8'));
      expect(Object.keys(overlay.machines)).toHaveLength(3);
      await readFile(join(dir, `${base}.plan.yaml`), 'utf8');
    } finally {
      app.unmount();
      await own.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('planner keys typed faster than it replans', () => {
  it('applies every + of one read (five at once raise the count by five)', async () => {
    // Its own demo: the container closes its site when it unmounts.
    const own = await openSite({ kind: 'demo' }, { timeScale: 3000 });
    const app = renderUi(
      <AppContainer
        connect={async () => createSiteData(own)}
        initialScreen="planner"
        size={{ columns: 100, rows: 30 }}
      />,
    );
    try {
      await app.waitFor(/fits: 7 VMs/);
      await app.press('\u001B[B', /›kubernetes-worker\s+2 /);
      app.stdin.write('+++++');
      await app.waitFor(/›kubernetes-worker\s+7 /);
      app.stdin.write('---');
      await app.waitFor(/›kubernetes-worker\s+4 /);
    } finally {
      app.unmount();
    }
  });
});
