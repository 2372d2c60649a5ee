import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyEvent, applyPlan, type Plan, rollbackPlan, takeInventory } from '../src/index.js';
import { consistencyProblems, haEdgePlan, type Sites, startSites } from './support/apply-helpers.js';

describe('apply the Charmed Kubernetes HA edge preset to the demo site', () => {
  let sites: Sites;
  let plan: Plan;
  let preexisting: Set<string>;
  const journalPath = join(mkdtempSync(join(tmpdir(), 'edgekit-apply-')), 'journal.jsonl');

  beforeAll(async () => {
    sites = await startSites();
    const inventory = await takeInventory(sites.maas);
    preexisting = new Set(inventory.vmHosts.flatMap((h) => h.vms.map((vm) => vm.hostname)));
    plan = haEdgePlan(inventory, 'hae2e');
  });
  afterAll(async () => sites?.close());

  it('ends with every unit active and MAAS and Juju agreeing', async () => {
    const events: ApplyEvent[] = [];
    const result = await applyPlan({
      plan,
      maas: sites.maas,
      juju: sites.juju,
      journalPath,
      pollIntervalMs: 20,
      onEvent: (e) => events.push(e),
    });
    expect(Object.keys(result.machines)).toHaveLength(plan.placement.machines.length);
    expect(await consistencyProblems(plan, sites.maas, sites.juju, preexisting)).toEqual([]);
    // Progress events cover each phase in order.
    const phases = events.flatMap((e) => (e.type === 'phase' ? [e.phase] : []));
    expect(phases).toEqual(['ratios', 'tags', 'machines', 'juju-machines', 'deploy', 'wait-active']);
    expect(events.filter((e) => e.type === 'request' && e.step.startsWith('compose:'))).toHaveLength(
      plan.outputs.compose.length,
    );
  }, 60_000);

  it('does nothing the second time: every step finds its work done', async () => {
    const maasBefore = sites.maasSim.stats().mutating;
    const jujuBefore = sites.jujuSim.stats().mutatingRequests;
    await applyPlan({ plan, maas: sites.maas, juju: sites.juju, journalPath, pollIntervalMs: 20 });
    expect(sites.maasSim.stats().mutating - maasBefore).toBe(0);
    expect(sites.jujuSim.stats().mutatingRequests - jujuBefore).toBe(0);
  }, 60_000);

  it('rolls back exactly what the plan created', async () => {
    const before = await takeInventory(sites.maas);
    const rolled = await rollbackPlan({
      plan,
      maas: sites.maas,
      juju: sites.juju,
      journalPath,
      pollIntervalMs: 20,
    });
    expect(rolled.applications.sort()).toEqual(Object.keys(plan.workload.applications).sort());
    expect(rolled.decomposed.sort()).toEqual(plan.outputs.compose.map((c) => c.params.hostname).sort());
    const after = await takeInventory(sites.maas);
    const status = await sites.juju.fullStatus();
    expect(Object.keys(status.applications)).toEqual([]);
    expect(Object.keys(status.machines)).toEqual([]);
    // Hosts are back to their pre-existing VMs; machines that were not the plan's are untouched.
    expect(new Set(after.vmHosts.flatMap((h) => h.vms.map((vm) => vm.hostname)))).toEqual(preexisting);
    for (const host of after.vmHosts) {
      const original = plan.inventory.vmHosts.find((h) => h.id === host.id);
      expect(host.used).toEqual(original?.used);
    }
    expect(after.machines.map((m) => `${m.hostname}:${m.status}`)).toEqual(
      before.machines.map((m) => `${m.hostname}:${m.status}`),
    );
    expect(after.tags).not.toContain(plan.outputs.tags.plan);
  }, 60_000);
});
