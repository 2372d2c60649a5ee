import { takeInventory, takeSiteSnapshot, undrainHost, upgradeJujuFromClient } from '@edgekit/edge-core';
import { allUnitsActiveIdle } from '@edgekit/juju-client';
import { liveDiff, runApply, runRollback } from '../plan/apply.js';
import { presetBundleTexts } from '../plan/bundles.js';
import { runDay2 } from '../plan/day2.js';
import type { SiteData } from './data.js';
import type { Ratios } from './headroom.js';
import { watchModel } from './juju-watch.js';
import { loadInventory } from './maas-adapter.js';
import type { MachineAction } from './model.js';
import type { OpenedSite } from './open.js';

export interface SiteDataOptions {
  /** Between status polls while apply waits; the simulated demo's default is shorter than a real site's. */
  pollIntervalMs?: number;
  /** Where drain and heal keep their plans and journals (default: the working directory). */
  planDir?: string;
}

/** The TUI's data source over an opened site: reads through the SDKs, actions as MAAS operations. */
export function createSiteData(site: OpenedSite, options: SiteDataOptions = {}): SiteData {
  const { maas, juju } = site;
  const pollIntervalMs = options.pollIntervalMs ?? (site.description.simulated ? 200 : 2000);
  const actions: Record<MachineAction, (systemId: string) => Promise<unknown>> = {
    deploy: (id) => maas.machines.deploy(id, {}),
    release: (id) => maas.machines.release(id, {}),
    commission: (id) => maas.machines.commission(id, {}),
    powerOn: (id) => maas.machines.powerOn(id, {}),
    powerOff: (id) => maas.machines.powerOff(id, {}),
  };
  return {
    description: site.description,
    jujuNote: site.jujuNote,
    loadInventory: (signal) => {
      // The read started while the site opened serves the first screen once; later reads are fresh.
      const ahead = site.firstInventory;
      delete site.firstInventory;
      return ahead ?? loadInventory(maas, signal);
    },
    watchJuju: juju === null ? null : (onState, signal) => watchModel(juju.client, onState, signal),
    machineAction: async (systemId, action) => {
      await actions[action](systemId);
    },
    setOverCommitRatios: async (hostId: number, ratios: Ratios) => {
      await maas.vmHosts.update(hostId, {
        cpu_over_commit_ratio: ratios.cpu,
        memory_over_commit_ratio: ratios.memory,
      });
    },
    loadSnapshot: () => takeInventory(maas),
    takeSiteSnapshot: (signal) => takeSiteSnapshot(maas, juju?.client, { signal }),
    diffPlan: (plan) => liveDiff(site, plan),
    applyPlan: (plan, run) => runApply(site, plan, { ...run, pollIntervalMs }),
    rollbackPlan: (plan, run) => runRollback(site, plan, { ...run, pollIntervalMs }),
    upgradeJuju: juju === null ? null : upgradeJujuFromClient(juju.client),
    deployDemoKubernetes:
      juju === null || !site.description.simulated
        ? null
        : async (signal) => {
            const [bundle = ''] = await presetBundleTexts();
            await juju.client.deployBundle(bundle, { signal });
            const watcher = juju.client.watchModel({ pollIntervalMs: pollIntervalMs });
            try {
              await watcher.waitFor(allUnitsActiveIdle, { signal });
            } finally {
              await watcher.stop();
            }
          },
    runDay2: async (run) => {
      // The TUI asked before calling (y/n), so the plan is confirmed here.
      const { result, plan } = await runDay2(site, {
        ...run,
        dryRun: false,
        pollIntervalMs,
        ...(options.planDir === undefined ? {} : { dir: options.planDir }),
        confirm: async () => true,
      });
      return {
        replaced: Object.keys(result?.replaced ?? {}).length,
        unplaced: plan.unplaced.map((left) => left.why),
      };
    },
    undrainHost: async (host) => (await undrainHost(maas, host)).changed,
    close: () => site.close(),
  };
}
