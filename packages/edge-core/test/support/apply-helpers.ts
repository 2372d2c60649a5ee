import { sleep } from '@edgekit/common';
import { JujuClient, JujuTransportError, type TryAgainPolicy } from '@edgekit/juju-client';
import { type JujuSim, type JujuSimFaults, startJujuSim } from '@edgekit/juju-sim';
import { MaasClient, type MaasClientOptions } from '@edgekit/maas-client';
import { type MaasSim, type MaasSimOptions, startMaasSim } from '@edgekit/maas-sim';
import { jujuApiFromClient } from '../../src/apply/juju-adapter.js';
import type { InventorySnapshot, JujuApi, Plan, RatioChange } from '../../src/index.js';
import { planWorkload, presets, workloadFromPreset } from '../../src/index.js';
import { ckBundleTexts } from './plan-helpers.js';

export interface Sites {
  maasSim: MaasSim;
  jujuSim: JujuSim;
  maas: MaasClient;
  juju: JujuApi;
  jujuClient: JujuClient;
  close(): Promise<void>;
}

/** Both simulators, wired together as a MAAS cloud under a Juju controller, plus clients for them. */
export interface SiteOptions {
  timeScale?: number;
  maas?: Partial<MaasSimOptions>;
  jujuFaults?: JujuSimFaults;
  maasRetry?: MaasClientOptions['retry'];
  /** The Juju client's `try again` back-off (tests scale it down; the number of attempts stays). */
  jujuTryAgain?: TryAgainPolicy;
}

/**
 * applyPlan's options on a site with injected faults: fast polls, `Retry-After` waited out only up to
 * 20 ms, and enough phase attempts to outlast every scripted fault.
 */
export const UNDER_FAULTS = { pollIntervalMs: 10, maxRetryAfterMs: 20, phaseAttempts: 20 } as const;

export async function startSites(options: SiteOptions = {}): Promise<Sites> {
  const timeScale = options.timeScale ?? 2000;
  const maasSim = await startMaasSim({ site: 'demo', timeScale, seed: 7, ...options.maas });
  const jujuSim = await startJujuSim({
    maas: { url: maasSim.url, apiKey: maasSim.apiKey },
    timeScale,
    seed: 7,
    ...(options.jujuFaults ? { faults: options.jujuFaults } : {}),
  });
  const login = jujuSim.modelLogin();
  const jujuClient = await JujuClient.connect({
    ...login,
    ...(options.jujuTryAgain === undefined ? {} : { tryAgain: options.jujuTryAgain }),
  });
  const maas = new MaasClient({
    url: maasSim.url,
    apiKey: maasSim.apiKey,
    ...(options.maasRetry === undefined ? {} : { retry: options.maasRetry }),
  });
  return {
    maasSim,
    jujuSim,
    maas,
    juju: jujuApiFromClient(jujuClient, login.modelUUID),
    jujuClient,
    async close() {
      await jujuClient.close();
      await jujuSim.close();
      await maasSim.close();
    },
  };
}

/** The Charmed Kubernetes HA edge preset, planned on a live inventory by the placement engine. */
export function haEdgePlan(inventory: InventorySnapshot, id: string, ratioChanges: RatioChange[] = []): Plan {
  const preset = presets['charmed-kubernetes-ha-edge'];
  if (preset === undefined) throw new Error('the HA edge preset is missing');
  return planWorkload({
    inventory,
    workload: workloadFromPreset(preset, ckBundleTexts()),
    objective: 'spread',
    timeLimitMs: 50,
    id,
    ratioChanges,
  });
}

/**
 * Everything that must hold once a plan is applied, checked against both simulators through their
 * APIs: each planned VM exists exactly once, on its planned host, Deployed and tagged; no VM of the
 * plan that the plan does not have; one Juju machine per planned machine, on its node; every unit on
 * the machine the overlay put it on, active and idle; nothing else in the model.
 */
export async function consistencyProblems(
  plan: Plan,
  maas: MaasClient,
  juju: JujuApi,
  preexistingVms: ReadonlySet<string>,
): Promise<string[]> {
  const problems: string[] = [];
  const machines = await maas.machines.list();
  const planned = new Map(plan.placement.machines.map((m) => [m.hostname, m]));
  const systemIds = new Map<string, string>();
  for (const machine of plan.placement.machines) {
    const found = machines.filter((m) => m.hostname === machine.hostname);
    if (found.length !== 1) problems.push(`${machine.hostname}: ${found.length} MAAS machines`);
    const live = found[0];
    if (live === undefined) continue;
    systemIds.set(live.system_id, machine.hostname);
    if (machine.target.kind === 'vm' && live.pod?.id !== machine.target.vmHostId)
      problems.push(`${machine.hostname} is on pod ${live.pod?.id}`);
    if (live.status_name !== 'Deployed') problems.push(`${machine.hostname} is ${live.status_name}`);
    for (const tag of plan.outputs.machineTags.find((t) => t.hostname === machine.hostname)?.tags ?? []) {
      if (!live.tag_names.includes(tag)) problems.push(`${machine.hostname} lacks tag ${tag}`);
    }
  }
  for (const machine of machines) {
    const isVm = machine.pod != null;
    if (isVm && !planned.has(machine.hostname) && !preexistingVms.has(machine.hostname))
      problems.push(`orphan VM ${machine.hostname}`);
    if (machine.tag_names.includes(plan.outputs.tags.plan) && !planned.has(machine.hostname))
      problems.push(`orphan tagged ${machine.hostname}`);
  }
  const status = await juju.fullStatus();
  const jujuByHostname = new Map<string, string>();
  for (const machine of Object.values(status.machines)) {
    const hostname = systemIds.get(machine['instance-id']);
    if (hostname === undefined)
      problems.push(`orphan Juju machine ${machine.id} (${machine['instance-id'] || 'not provisioned'})`);
    else if (jujuByHostname.has(hostname)) problems.push(`two Juju machines on ${hostname}`);
    else jujuByHostname.set(hostname, machine.id);
  }
  for (const [app, spec] of Object.entries(plan.workload.applications)) {
    const live = status.applications[app];
    if (live === undefined) {
      problems.push(`application ${app} missing`);
      continue;
    }
    if (spec.subordinate) continue;
    const expected = plan.placement.machines
      .filter((m) => plan.workload.roles[m.role]?.applications.includes(app))
      .map((m) => jujuByHostname.get(m.hostname))
      .sort();
    const units = Object.entries(live.units ?? {});
    const actual = units.map(([, u]) => u.machine).sort();
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      problems.push(`${app} units on machines ${actual.join(',')}, planned ${expected.join(',')}`);
    for (const [name, unit] of units) {
      if (unit['workload-status'].status !== 'active' || unit['agent-status'].status !== 'idle') {
        problems.push(`${name} is ${unit['workload-status'].status}/${unit['agent-status'].status}`);
      }
    }
  }
  for (const app of Object.keys(status.applications))
    if (plan.workload.applications[app] === undefined) problems.push(`orphan application ${app}`);
  return problems;
}

/**
 * Turns every Juju simulator fault off and waits until the client answers again: a ping the last faults
 * dropped may leave it reconnecting for a moment.
 */
export async function clearJujuFaults(sites: Sites): Promise<void> {
  sites.jujuSim.clearFaults();
  for (let attempt = 0; ; attempt += 1) {
    try {
      await sites.jujuClient.client.fullStatus();
      return;
    } catch (error) {
      if (!(error instanceof JujuTransportError) || attempt >= 50) throw error;
      await sleep(100);
    }
  }
}
