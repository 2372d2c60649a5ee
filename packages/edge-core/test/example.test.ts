import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '@edgekit/fixtures';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { planAndApply } from '../examples/plan-and-apply.js';
import { loadPlanFile, takeInventory, unitCount } from '../src/index.js';
import { consistencyProblems, type Sites, startSites } from './support/apply-helpers.js';

// The README's library example, run as written against the MAAS and Juju simulators.
let sites: Sites;
let dir: string;
beforeAll(async () => {
  sites = await startSites();
  dir = await mkdtemp(join(tmpdir(), 'edge-core-example-'));
});
afterAll(async () => {
  await sites.close();
  await rm(dir, { recursive: true, force: true });
});

describe('examples/plan-and-apply.ts', () => {
  it('plans the HA edge preset on the live inventory, saves it and applies it to every unit active', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const planFile = join(dir, 'ha.plan.yaml');
    const before = await takeInventory(sites.maas);
    const preexisting = new Set(before.vmHosts.flatMap((h) => h.vms.map((vm) => vm.hostname)));
    const { plan, toCompose, machines } = await planAndApply({
      maas: sites.maas,
      juju: sites.jujuClient,
      modelUUID: sites.juju.modelUUID,
      bundleFile: fixturePath('juju', 'bundles', 'charmed-kubernetes-1.35.bundle.yaml'),
      planFile,
      pollIntervalMs: 20,
    });
    log.mockRestore();
    expect(toCompose).toHaveLength(7);
    expect(Object.keys(machines)).toHaveLength(7);
    expect((await loadPlanFile(planFile)).id).toBe(plan.id);
    expect(unitCount(plan.workload, 'etcd')).toBe(3);
    expect(await readFile(`${planFile}.journal.jsonl`, 'utf8')).toContain('"status":"applied"');
    expect(await consistencyProblems(plan, sites.maas, sites.juju, preexisting)).toEqual([]);
  });
});
