import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JujuTryAgainError } from '@edgekit/juju-client';
import { defaultRetryPolicy, MaasServiceUnavailableError } from '@edgekit/maas-client';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, DEFAULT_PHASE_ATTEMPTS, type Plan, rollbackPlan, takeInventory } from '../src/index.js';
import { haEdgePlan, type Sites, startSites } from './support/apply-helpers.js';

/** The worst-case column of docs/retry-budget.md, by key: the numbers this test holds the code to. */
function documentedWorstCase(key: string): number {
  const doc = readFileSync(new URL('../../../docs/retry-budget.md', import.meta.url), 'utf8');
  const row = doc.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
  if (row === undefined) throw new Error(`docs/retry-budget.md has no row for ${key}`);
  const cells = row.split('|').map((cell) => cell.trim());
  return Number.parseInt(cells[cells.length - 2] ?? '', 10);
}

const journal = () => join(mkdtempSync(join(tmpdir(), 'edgekit-budget-')), 'journal.jsonl');

describe('the retry budget of apply, counted under faults that never clear', () => {
  let sites: Sites | undefined;
  afterEach(async () => {
    await sites?.close();
    sites = undefined;
  });

  /** Both simulators, MAAS answering every VM host update with 503 and this Retry-After, for good. */
  function sitesFailingRatioUpdates(retryAfterSeconds: number): Promise<Sites> {
    const rule = { method: 'PUT', path: /^\/vm-hosts\/\d+\/$/, kind: 'unavailable-retry' as const };
    return startSites({ timeScale: 3000, maas: { faults: { rules: [{ ...rule, retryAfterSeconds }] } } });
  }

  async function ratioPlan(s: Sites): Promise<Plan> {
    const inventory = await takeInventory(s.maas);
    return haEdgePlan(inventory, 'budget', [{ vmHost: 'kvm-b1', cpuOverCommitRatio: 4.5 }]);
  }

  it('tries one MAAS request 4 times per phase run and a phase 4 times: 16 requests, as documented', async () => {
    // Every ratio update answers 503 with Retry-After: 0 (MAAS rolled it back; try again at once).
    sites = await sitesFailingRatioUpdates(0);
    const plan = await ratioPlan(sites);
    const error = await applyPlan({
      plan,
      maas: sites.maas,
      juju: sites.juju,
      journalPath: journal(),
      pollIntervalMs: 5,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasServiceUnavailableError);
    const counted = sites.maasSim.stats().faultsInjected;
    expect(documentedWorstCase('maas.request')).toBe(defaultRetryPolicy.retries + 1);
    expect(documentedWorstCase('apply.phase')).toBe(DEFAULT_PHASE_ATTEMPTS);
    expect(counted).toBe(documentedWorstCase('apply.maas-request'));
    expect(counted).toBe((defaultRetryPolicy.retries + 1) * DEFAULT_PHASE_ATTEMPTS);
  }, 60_000);

  it('tries one Juju call 10 times per phase run and a phase 4 times: 40 calls, as documented', async () => {
    // The client's `try again` back-off scaled down 100× (1 ms doubling to 15 ms, 100 ms in all): the
    // same number of attempts as the defaults (100 ms doubling to 1.5 s, 10 s in all) in a tenth of a second.
    sites = await startSites({
      timeScale: 3000,
      jujuTryAgain: { firstDelayMs: 1, maxDelayMs: 15, totalMs: 100 },
    });
    const running = sites;
    const plan = await ratioPlan(running);
    const error = await applyPlan({
      plan,
      maas: running.maas,
      juju: running.juju,
      journalPath: journal(),
      pollIntervalMs: 5,
      // From the first Juju phase on, the controller answers every call with `try again`.
      onEvent: (event) => {
        if (event.type === 'phase' && event.phase === 'juju-machines')
          running.jujuSim.setFaults({ tryAgainRate: 1 });
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JujuTryAgainError);
    expect(documentedWorstCase('juju.call')).toBe(10);
    expect(running.jujuSim.stats().faults.tryAgainErrors).toBe(documentedWorstCase('apply.juju-call'));
  }, 60_000);

  it('returns within a second of an abort, even while MAAS asked to wait 30 s', async () => {
    sites = await sitesFailingRatioUpdates(30);
    const plan = await ratioPlan(sites);
    const controller = new AbortController();
    const running = applyPlan({
      plan,
      maas: sites.maas,
      juju: sites.juju,
      journalPath: journal(),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    // Wait until the first 503 has been answered: the client is now waiting out Retry-After: 30.
    while (sites.maasSim.stats().faultsInjected === 0) await new Promise((r) => setTimeout(r, 5));
    const aborted = Date.now();
    controller.abort(new Error('operator pressed ctrl-c'));
    const error = await running;
    expect(Date.now() - aborted).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(Error);
    expect(sites.maasSim.stats().faultsInjected).toBe(1);
  }, 60_000);

  it('rollback returns within a second of an abort, even while MAAS asked to wait 30 s', async () => {
    sites = await startSites({ timeScale: 3000 });
    const plan = haEdgePlan(await takeInventory(sites.maas), 'rback');
    const journalPath = journal();
    await applyPlan({ plan, maas: sites.maas, juju: sites.juju, journalPath, pollIntervalMs: 10 });
    // From here MAAS answers every machine delete (the rollback's decompose) with 503, Retry-After: 30.
    const rule = { method: 'DELETE', path: /^\/machines\/\w+\/$/, kind: 'unavailable-retry' as const };
    sites.maasSim.setFaults([{ ...rule, retryAfterSeconds: 30 }]);
    const controller = new AbortController();
    const running = rollbackPlan({
      plan,
      maas: sites.maas,
      juju: sites.juju,
      journalPath,
      pollIntervalMs: 10,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    const stats = sites.maasSim;
    // Wait until the first delete has been answered: the client is now waiting out Retry-After: 30.
    while (stats.stats().faultsInjected === 0) await new Promise((r) => setTimeout(r, 5));
    const aborted = Date.now();
    controller.abort(new Error('operator pressed ctrl-c'));
    const error = await running;
    expect(Date.now() - aborted).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(Error);
    expect(stats.stats().faultsInjected).toBe(1);
  }, 60_000);
});
