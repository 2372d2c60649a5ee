import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyEvent, applyPlan, type Plan, takeInventory } from '../src/index.js';
import { haEdgePlan, type Sites, startSites } from './support/apply-helpers.js';

describe('dry run', () => {
  let sites: Sites;
  let plan: Plan;

  beforeAll(async () => {
    sites = await startSites();
    const inventory = await takeInventory(sites.maas);
    plan = haEdgePlan(inventory, 'dry01', [{ vmHost: 'kvm-a1', cpuOverCommitRatio: 5 }]);
  });
  afterAll(async () => sites?.close());

  it('prints every request and makes no mutating call on either simulator', async () => {
    const events: ApplyEvent[] = [];
    const result = await applyPlan({
      plan,
      maas: sites.maas,
      juju: sites.juju,
      dryRun: true,
      onEvent: (e) => events.push(e),
    });
    expect(result.dryRun).toBe(true);
    expect(sites.maasSim.stats().mutating).toBe(0);
    expect(sites.jujuSim.stats().mutatingRequests).toBe(0);

    const requests = events.flatMap((e) => (e.type === 'request' ? [e] : []));
    expect(requests.every((r) => r.dryRun)).toBe(true);
    const calls = requests.map((r) => r.request.call);
    expect(calls).toContain('PUT /MAAS/api/2.0/vm-hosts/1/');
    expect(calls.filter((c) => c === 'POST /MAAS/api/2.0/tags/')).toHaveLength(
      1 + Object.keys(plan.workload.roles).length,
    );
    const composes = requests.filter((r) => r.request.call.endsWith('?op=compose'));
    expect(composes.map((r) => r.request.params)).toEqual(plan.outputs.compose.map((c) => c.params));
    expect(calls.filter((c) => c.endsWith('?op=update_nodes'))).toHaveLength(
      plan.placement.machines.length * 2,
    );
    expect(calls).toContain('MachineManager.AddMachines');
    const deploys = requests.filter((r) => r.request.call === 'Application.Deploy');
    expect(deploys).toHaveLength(Object.keys(plan.workload.applications).length);
    expect(calls.filter((c) => c === 'Application.AddRelation')).toHaveLength(plan.workload.relations.length);
    const units = plan.placement.machines.reduce(
      (n, m) => n + (plan.workload.roles[m.role]?.applications.length ?? 0),
      0,
    );
    expect(calls.filter((c) => c === 'Application.AddUnits')).toHaveLength(units);
  }, 60_000);
});
