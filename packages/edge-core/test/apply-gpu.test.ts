import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPlan,
  type Plan,
  planWorkload,
  presets,
  rollbackPlan,
  takeInventory,
  workloadFromPreset,
} from '../src/index.js';
import { consistencyProblems, type Sites, startSites } from './support/apply-helpers.js';
import { ckBundleTexts } from './support/plan-helpers.js';

describe('a GPU worker on bare metal', () => {
  let sites: Sites;
  let plan: Plan;
  let preexisting: Set<string>;
  const journalPath = join(mkdtempSync(join(tmpdir(), 'edgekit-gpu-')), 'journal.jsonl');

  beforeAll(async () => {
    sites = await startSites();
    const inventory = await takeInventory(sites.maas);
    preexisting = new Set(inventory.vmHosts.flatMap((h) => h.vms.map((vm) => vm.hostname)));
    const preset = presets['charmed-kubernetes-ha-edge'];
    if (preset === undefined) throw new Error('the HA edge preset is missing');
    const base = workloadFromPreset(preset, ckBundleTexts());
    const worker = base.roles['kubernetes-worker'];
    if (worker === undefined) throw new Error('no worker role');
    const { antiAffinity: _, ...workerShape } = worker;
    const workload = {
      ...base,
      roles: {
        ...base.roles,
        'gpu-worker': { ...workerShape, count: 1, kind: 'bare-metal' as const, gpus: 2 },
      },
    };
    plan = planWorkload({ inventory, workload, objective: 'spread', timeLimitMs: 50, id: 'gpu01' });
  });
  afterAll(async () => sites?.close());

  it('goes to the free machine with two GPUs, placed by system id, and rolls back to Ready untagged', async () => {
    const [gpu] = plan.outputs.bareMetal;
    expect(gpu?.hostname).toBe('gpu-c1');
    expect(plan.outputs.juju.machines.find((m) => m.hostname === 'gpu-c1')?.placement).toBe(
      `system-id=${gpu?.systemId}`,
    );
    await applyPlan({ plan, maas: sites.maas, juju: sites.juju, journalPath, pollIntervalMs: 20 });
    expect(await consistencyProblems(plan, sites.maas, sites.juju, preexisting)).toEqual([]);
    const status = await sites.juju.fullStatus();
    const workerUnits = Object.values(status.applications['kubernetes-worker']?.units ?? {});
    const gpuMachine = Object.values(status.machines).find((m) => m['instance-id'] === gpu?.systemId);
    expect(workerUnits.map((u) => u.machine)).toContain(gpuMachine?.id);

    await rollbackPlan({ plan, maas: sites.maas, juju: sites.juju, journalPath, pollIntervalMs: 20 });
    const machine = await sites.maas.machines.read(gpu?.systemId ?? '');
    await sites.maas.machines.waitForStatus(machine.system_id, 'ready', { intervalMs: 20, timeout: 30_000 });
    const after = await sites.maas.machines.read(machine.system_id);
    expect(after.tag_names).not.toContain(plan.outputs.tags.plan);
    expect(after.tag_names).toContain('gpu');
  }, 90_000);
});
