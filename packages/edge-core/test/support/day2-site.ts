import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from '@edgekit/common';
import type { FullStatus } from '@edgekit/juju-client';
import { allUnitsActiveIdle } from '@edgekit/juju-client';
import {
  applyPlan,
  type Day2Juju,
  day2JujuFromClient,
  outOfService,
  type Plan,
  takeInventory,
} from '../../src/index.js';
import { haEdgePlan, type SiteOptions, type Sites, startSites } from './apply-helpers.js';

export interface Day2Site extends Sites {
  day2: Day2Juju;
  plan: Plan;
}

/** The demo site with the Charmed Kubernetes HA edge preset applied, every unit active. */
export async function haEdgeSite(id: string, options: SiteOptions = {}): Promise<Day2Site> {
  const sites = await startSites({ timeScale: 5000, ...options });
  const plan = haEdgePlan(await takeInventory(sites.maas), id);
  const journalPath = join(mkdtempSync(join(tmpdir(), 'ek-day2-')), 'apply.jsonl');
  await applyPlan({ plan, maas: sites.maas, juju: sites.juju, journalPath, pollIntervalMs: 10 });
  return { ...sites, plan, day2: day2JujuFromClient(sites.jujuClient, sites.juju.modelUUID) };
}

/**
 * Polls FullStatus every 2 ms until stopped, handing each status to `look`: the watcher tests use to
 * check an executor's safety rule from the outside. `stop` resolves with the number of polls made.
 */
export function pollStatus(site: Sites, look: (status: FullStatus) => void) {
  let polls = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const status: FullStatus | undefined = await site.jujuClient.client.fullStatus().catch((error) => {
        if (running) throw error;
        return undefined;
      });
      if (!status) break;
      polls += 1;
      look(status);
      await sleep(2);
    }
  })();
  return {
    async stop(): Promise<number> {
      running = false;
      await loop;
      return polls;
    },
  };
}

/** Polls FullStatus until stopped; records the most units of each application out of service at once. */
export function watchOutOfService(site: Sites) {
  const worst: Record<string, number> = {};
  /** Fewest serving units of each application seen: add-before-remove keeps it at the full count. */
  const fewestServing: Record<string, number> = {};
  const poller = pollStatus(site, (status) => {
    for (const name of Object.keys(status.applications)) {
      const out = outOfService(status, name).length;
      const total = Object.keys(status.applications[name]?.units ?? {}).length;
      worst[name] = Math.max(worst[name] ?? 0, out);
      fewestServing[name] = Math.min(fewestServing[name] ?? total, total - out);
    }
  });
  return {
    async stop() {
      const polls = await poller.stop();
      return { worst, fewestServing, polls };
    },
  };
}

/** Unit count of every application. */
export function unitCounts(status: {
  applications: Record<string, { units?: Record<string, unknown> | null }>;
}) {
  return Object.fromEntries(
    Object.entries(status.applications).map(([name, app]) => [name, Object.keys(app.units ?? {}).length]),
  );
}

/** Waits until every unit is active and idle (through the AllWatcher, as juju-client's waitFor does). */
export async function settled(site: Sites): Promise<void> {
  const watcher = site.jujuClient.watchModel({ pollIntervalMs: 10 });
  await watcher.waitFor(allUnitsActiveIdle);
  await watcher.stop();
}

/** Where each Juju machine's VM is: machine id → VM host name, from MAAS. */
export async function hostsOfMachines(site: Sites): Promise<Map<string, { host: string; zone: string }>> {
  const [machines, hosts, status] = await Promise.all([
    site.maas.machines.list(),
    site.maas.vmHosts.list(),
    site.juju.fullStatus(),
  ]);
  const out = new Map<string, { host: string; zone: string }>();
  for (const m of Object.values(status.machines)) {
    const node = machines.find((n) => n.system_id === m['instance-id']);
    const host = hosts.find((h) => h.id === node?.pod?.id);
    if (host) out.set(m.id, { host: host.name, zone: host.zone.name });
  }
  return out;
}
