import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type InventorySnapshot, takeInventory } from '@edgekit/edge-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { presetBundleTexts } from '../src/plan/bundles.js';
import { planForSite, plannedWorkload } from '../src/plan/planner.js';
import { defaultSettings } from '../src/plan/settings.js';
import { loadWorkloadFile } from '../src/plan/workload-file.js';
import { type OpenedSite, openSite } from '../src/site/open.js';

let site: OpenedSite;
let snapshot: InventorySnapshot;
let dir: string;
beforeAll(async () => {
  site = await openSite({ kind: 'demo' }, { timeScale: 3000 });
  snapshot = await takeInventory(site.maas);
  dir = await mkdtemp(join(tmpdir(), 'edgekit-workload-'));
});
afterAll(async () => {
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

async function workloadFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('the planner on a workload file whose roles are not Charmed Kubernetes roles', () => {
  it('plans CK roles from the preset, named charms and ubuntu for the rest, with the edits applied', async () => {
    const file = await workloadFile(
      'shop.workload.yaml',
      `preset: charmed-kubernetes-ha-edge
vms:
  - { name: db, count: 2, cores: 2, memory: 4G }
  - { name: cache, count: 1, cores: 1, memory: 2G }
applications:
  postgresql: { charm: postgresql, channel: 16/stable, role: db, options: { profile: testing } }
relations: [[postgresql:juju-info, kubernetes-worker:juju-info]]
`,
    );
    const loaded = await loadWorkloadFile({ kind: 'workload', file });
    // The planner's edit: one more db machine.
    const settings = { ...defaultSettings(undefined, loaded), overrides: { db: { count: 3 } } };
    const texts = await presetBundleTexts();
    const { defaults } = plannedWorkload(settings, texts);
    expect(defaults.map((d) => [d.role, d.charm])).toEqual([['cache', 'ubuntu']]);
    const plan = planForSite(snapshot, settings, texts);
    const roles = plan.placement.machines.map((m) => m.role);
    expect(roles.filter((role) => role === 'db')).toHaveLength(3);
    expect(roles.filter((role) => role === 'cache')).toHaveLength(1);
    const bundle = parse(plan.outputs.juju.bundle) as {
      applications: Record<string, Record<string, unknown>>;
      relations: string[][];
    };
    expect(bundle.applications.postgresql).toMatchObject({
      charm: 'postgresql',
      channel: '16/stable',
      num_units: 3,
      options: { profile: 'testing' },
    });
    expect(bundle.applications.cache).toMatchObject({
      charm: 'ubuntu',
      channel: 'latest/stable',
      num_units: 1,
    });
    expect(bundle.applications['kubernetes-control-plane']).toMatchObject({ num_units: 3 });
    expect(bundle.relations).toContainEqual(['postgresql:juju-info', 'kubernetes-worker:juju-info']);
  });

  it("plans the README's example: postgresql on db, ubuntu on web", async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const example = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .find((block) => block.includes('applications:'));
    if (example === undefined) throw new Error('the README has no workload file example');
    const loaded = await loadWorkloadFile({
      kind: 'workload',
      file: await workloadFile('shop.yaml', example),
    });
    const settings = defaultSettings(undefined, loaded);
    const texts = await presetBundleTexts();
    expect(plannedWorkload(settings, texts).defaults.map((d) => d.role)).toEqual(['web']);
    const bundle = parse(planForSite(snapshot, settings, texts).outputs.juju.bundle) as {
      applications: Record<string, { charm: string; num_units: number }>;
    };
    expect(bundle.applications.postgresql).toMatchObject({ charm: 'postgresql', num_units: 2 });
    expect(bundle.applications.web).toMatchObject({ charm: 'ubuntu', num_units: 2 });
  });

  it('a role or relation the workload does not have is a usage error naming the flag, file and name', async () => {
    const badRole = await workloadFile(
      'bad-role.yaml',
      'vms: [{ name: db }]\napplications: { pg: { charm: postgresql, role: dbs } }\n',
    );
    await expect(loadWorkloadFile({ kind: 'workload', file: badRole })).rejects.toThrow(
      /^--workload \S*bad-role\.yaml: application "pg" names role "dbs".*Use one of the roles: db\./,
    );
    const badRelation = await workloadFile(
      'bad-relation.yaml',
      'vms: [{ name: db }]\nrelations: [[db, pg:db]]\n',
    );
    await expect(loadWorkloadFile({ kind: 'workload', file: badRelation })).rejects.toThrow(
      /^--workload \S*bad-relation\.yaml: relation \[db, pg:db\] names application "pg"/,
    );
  });
});
