import { formatConstraints } from '@edgekit/juju-client';
import type { AdmissionRule } from '../inventory/headroom.js';
import { storageSpec } from '../outputs/compose.js';
import type { LeftVm, Replacement } from './day2-plan.js';
import type { LiveSite, LiveVm } from './live-site.js';
import { placeReplacements } from './place-replacements.js';
import { replacementHostname } from './replacement-names.js';

/** etcd first, then the control plane, then the rest: what keeps the cluster up goes back first. */
export function criticality(vm: LiveVm): number {
  const apps = vm.units.map((u) => u.application);
  if (apps.some((app) => app.includes('etcd'))) return 0;
  if (apps.some((app) => app.includes('control-plane') || app.includes('kubernetes-master'))) return 1;
  return 2;
}

export function byCriticality(vms: readonly LiveVm[]): LiveVm[] {
  return [...vms].sort((a, b) => criticality(a) - criticality(b) || a.hostname.localeCompare(b.hostname));
}

/** Places and names the replacements of `replace` (already in the order they run). */
export function buildReplacements(
  site: LiveSite,
  replace: readonly LiveVm[],
  excludedHosts: ReadonlySet<string>,
  rule: AdmissionRule,
  why: (vm: LiveVm) => string,
): { replacements: Replacement[]; unplaced: LeftVm[] } {
  const { placed, unplaced } = placeReplacements({
    inventory: site.inventory,
    vms: site.vms,
    replace,
    excludedHosts,
    rule,
  });
  const taken = new Set(site.machines.map((m) => m.hostname));
  const replacements = placed.map(({ old, host, pools }): Replacement => {
    const hostname = replacementHostname(old.hostname, old.role, taken);
    return {
      old: { hostname: old.hostname, systemId: old.systemId, machine: old.machine, vmHost: old.vmHost.name },
      role: old.role,
      units: old.units,
      compose: {
        vmHostId: host.id,
        vmHostName: host.name,
        role: old.role,
        params: {
          hostname,
          cores: old.cores,
          memory: old.memoryMiB,
          storage: storageSpec({ disks: old.diskGB.map((sizeGB) => ({ sizeGB })) }, pools),
          zone: host.zone.id,
          pool: host.pool.id,
        },
      },
      tags: old.tags,
      constraints: formatConstraints({ cores: old.cores, mem: old.memoryMiB }),
      why: why(old),
    };
  });
  return {
    replacements,
    unplaced: unplaced.map(({ old, message, suggestions }) => ({
      hostname: old.hostname,
      role: old.role,
      units: old.units,
      why: message,
      suggestions,
    })),
  };
}
