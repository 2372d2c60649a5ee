import { buildReplacements } from '../day2/build-replacements.js';
import type { Day2Juju, Day2Maas } from '../day2/clients.js';
import { isDrained } from '../day2/drained-tag.js';
import { readLiveSite } from '../day2/live-site.js';
import type { AdmissionRule } from '../inventory/headroom.js';
import { UpgradeRefusedError } from '../plan/errors.js';
import type { UpgradeStep } from './upgrade-plan.js';

/** MAAS and Juju as drain and heal use them: blue-green composes and retires VMs the same way. */
export interface BlueGreenSite {
  maas: Day2Maas;
  juju: Day2Juju;
  rule?: AdmissionRule;
}

/**
 * The new worker application's name: `kubernetes-worker` -> `kubernetes-worker-green`, and back and
 * forth between `-green` and `-blue` on later upgrades (Juju application names cannot end in a
 * version: every part between hyphens needs a letter).
 */
export function greenName(application: string): string {
  if (application.endsWith('-green')) return `${application.slice(0, -'-green'.length)}-blue`;
  if (application.endsWith('-blue')) return `${application.slice(0, -'-blue'.length)}-green`;
  return `${application}-green`;
}

/**
 * The worker half of a blue-green upgrade: a new worker VM beside each old one, placed by the engine on
 * the live site (same size, pool, admission rule and the workers' anti-affinity; the old workers keep
 * their room, drained hosts take nothing), a new worker application on the target channel with a unit
 * on each, then each old worker paused (drained), removed with its machine and VM, and finally the old
 * application. Refused, with the engine's explanation, when the new VMs do not fit.
 */
export async function planGreenWorkers(
  site: BlueGreenSite,
  worker: { application: string; charm: string; channel: string; config: Record<string, string> },
  to: string,
): Promise<UpgradeStep[]> {
  const live = await readLiveSite(site.maas, site.juju);
  const green = greenName(worker.application);
  const units = Object.keys(live.status.applications[worker.application]?.units ?? {});
  const vms = live.vms.filter((vm) => vm.units.some((u) => u.application === worker.application));
  const bare = units.filter((unit) => !vms.some((vm) => vm.units.some((u) => u.unit === unit)));
  if (bare.length > 0) {
    throw new UpgradeRefusedError(
      `blue-green composes worker VMs on VM hosts, but ${bare.join(', ')} is not on a VM of one`,
      { hint: 'use --strategy in-place' },
    );
  }
  const drained = new Set(live.inventory.vmHosts.filter(isDrained).map((h) => h.name));
  const ordered = [...vms].sort((a, b) => a.hostname.localeCompare(b.hostname));
  const { replacements, unplaced } = buildReplacements(
    live,
    ordered,
    drained,
    site.rule ?? 'server',
    (vm) => `a new ${green} machine beside ${vm.hostname}, which runs until the new workers serve`,
  );
  if (unplaced.length > 0) {
    throw new UpgradeRefusedError(
      `no room for ${ordered.length} new worker VMs beside the old ones: ${unplaced.map((u) => u.why).join('; ')}`,
      { hint: 'add room on the VM hosts, or use --strategy in-place' },
    );
  }
  const steps: UpgradeStep[] = replacements.map((vm) => ({
    id: `new-worker/${vm.compose.params.hostname}`,
    kind: 'new-worker',
    vm,
    why: `capacity first, beside ${vm.old.hostname}: nothing is out of service yet`,
  }));
  steps.push({
    id: `deploy/${green}`,
    kind: 'deploy-green',
    application: green,
    replaces: worker.application,
    charm: worker.charm,
    channel: `${to}/stable`,
    config: worker.config,
    hostnames: replacements.map((vm) => vm.compose.params.hostname),
    why: `the new workers join the cluster on ${to} with the old workers' relations, before any old one leaves`,
  });
  for (const vm of replacements) {
    for (const unit of vm.units.filter((u) => u.application === worker.application)) {
      steps.push({
        id: `retire/${unit.unit}`,
        kind: 'retire',
        application: worker.application,
        unit: unit.unit,
        vm,
        why: 'paused (drained) first, then removed: one old worker at a time, while the new ones serve',
      });
    }
  }
  steps.push({
    id: `remove/${worker.application}`,
    kind: 'remove-application',
    application: worker.application,
    why: `the old worker application, empty now; ${green} carries the workload`,
  });
  return steps;
}
