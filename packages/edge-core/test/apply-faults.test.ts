import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyEvent, applyPlan, type Plan, takeInventory } from '../src/index.js';
import {
  consistencyProblems,
  haEdgePlan,
  type Sites,
  startSites,
  UNDER_FAULTS,
} from './support/apply-helpers.js';

describe('apply under injected faults', () => {
  let sites: Sites;
  let plan: Plan;
  let preexisting: Set<string>;

  beforeAll(async () => {
    sites = await startSites({
      timeScale: 3000,
      // The client honours Retry-After up to 20 ms here; longer requests surface and apply waits them out.
      maasRetry: { retries: 4, maxRetryAfterMs: 20, backoff: { initialMs: 5, maxMs: 40 } },
      maas: {
        faults: {
          rules: [
            // compose: rolled back twice (409/503 with Retry-After), then the socket reset before MAAS
            // saw it, then an answer cut in half after the VM was made.
            {
              method: 'POST',
              op: 'compose',
              script: ['conflict-retry', 'pass', 'unavailable-retry', 'reset', 'pass', 'truncate'],
            },
            { method: 'PUT', path: /^\/vm-hosts\/\d+\/$/, script: ['conflict-retry'] },
            { method: 'POST', op: 'update_nodes', kind: 'reset', probability: 0.15 },
            { method: 'GET', path: '/machines/', kind: 'reset', probability: 0.1 },
          ],
        },
      },
      jujuFaults: { dropConnectionRate: 0.03, tryAgainRate: 0.05 },
    });
    const inventory = await takeInventory(sites.maas);
    preexisting = new Set(inventory.vmHosts.flatMap((h) => h.vms.map((vm) => vm.hostname)));
    plan = haEdgePlan(inventory, 'fault1', [{ vmHost: 'kvm-b1', cpuOverCommitRatio: 4.5 }]);
  });
  afterAll(async () => sites?.close());

  it('still completes, consistent, with every fault kind actually hit', async () => {
    const events: ApplyEvent[] = [];
    const journalPath = join(mkdtempSync(join(tmpdir(), 'edgekit-faults-')), 'journal.jsonl');
    const onEvent = (e: ApplyEvent) => events.push(e);
    await applyPlan({ plan, maas: sites.maas, juju: sites.juju, journalPath, ...UNDER_FAULTS, onEvent });
    expect(await consistencyProblems(plan, sites.maas, sites.juju, preexisting)).toEqual([]);
    const maasStats = sites.maasSim.stats();
    const jujuStats = sites.jujuSim.stats();
    expect(maasStats.faultsInjected).toBeGreaterThanOrEqual(6);
    expect(jujuStats.faults.droppedConnections + jujuStats.faults.tryAgainErrors).toBeGreaterThan(0);
    // Seven VMs, however many compose calls the faults cost: never a second VM for one hostname.
    const machines = await sites.maas.machines.list();
    for (const request of plan.outputs.compose) {
      expect(machines.filter((m) => m.hostname === request.params.hostname)).toHaveLength(1);
    }
    const reconciled = events
      .filter((e) => e.type === 'reconcile')
      .map((e) => (e.type === 'reconcile' ? e.detail : ''));
    expect(reconciled.some((d) => d.includes('asked to retry'))).toBe(true);
    expect(reconciled.some((d) => d.includes('but') && d.includes('exists'))).toBe(true);
  }, 90_000);
});
