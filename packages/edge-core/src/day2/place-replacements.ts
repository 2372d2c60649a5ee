import type { AdmissionRule } from '../inventory/headroom.js';
import type { InventorySnapshot, VmHostInventory } from '../inventory/schema.js';
import type { HostInput, VmRequestInput } from '../model/schemas.js';
import type { Suggestion } from '../placement/explain.js';
import { solvePlacement } from '../placement/solve-placement.js';
import { placementHosts } from '../plan/place.js';
import { isDrained } from './drained-tag.js';
import type { LiveVm } from './live-site.js';

export type AntiAffinity = { scope: 'host' | 'zone'; maxPerDomain: number };

/**
 * The spread a role keeps on the live site, read from where its VMs are (MAAS keeps no plan): three or
 * more members each in its own zone is zone anti-affinity (as the HA presets plan control planes; two
 * in two zones may be chance), members each on its own host is host anti-affinity; a role of one VM,
 * or one already doubled up, has none to keep.
 */
export function observedAntiAffinity(members: readonly LiveVm[]): AntiAffinity | undefined {
  if (members.length < 2) return undefined;
  const distinct = (key: (vm: LiveVm) => string) => new Set(members.map(key)).size === members.length;
  if (members.length >= 3 && distinct((vm) => vm.vmHost.zone.name)) return { scope: 'zone', maxPerDomain: 1 };
  if (distinct((vm) => vm.vmHost.name)) return { scope: 'host', maxPerDomain: 1 };
  return undefined;
}

export interface PlacedReplacement {
  old: LiveVm;
  host: VmHostInventory;
  /** Storage pool per disk, as the engine chose. */
  pools: string[];
}

export interface UnplacedReplacement {
  old: LiveVm;
  message: string;
  suggestions: Suggestion[];
}

const request = (
  vm: LiveVm,
  name: string,
  antiAffinity: AntiAffinity | undefined,
  pinTo?: string,
): VmRequestInput => ({
  name,
  cores: vm.cores,
  memory: vm.memoryMiB,
  disks: pinTo === undefined ? vm.diskGB.map((gb) => ({ size: gb * 1e9 })) : [],
  pool: vm.vmHost.pool.name,
  ...(pinTo === undefined ? {} : { hosts: [pinTo] }),
  ...(antiAffinity === undefined ? {} : { antiAffinity: { group: vm.role, ...antiAffinity } }),
});

/**
 * Places a replacement for each VM, in the order given (most critical first), one at a time with the
 * placement engine: same size, resource pool and admission rule, and the role's anti-affinity kept
 * against its surviving members (each pinned where it is) and the replacements placed before it.
 * Excluded and drained hosts take nothing. A VM that does not fit gets the engine's explanation and the
 * rest carry on, so what fits is restored.
 */
export function placeReplacements(input: {
  inventory: InventorySnapshot;
  vms: readonly LiveVm[];
  replace: readonly LiveVm[];
  excludedHosts: ReadonlySet<string>;
  rule: AdmissionRule;
}): { placed: PlacedReplacement[]; unplaced: UnplacedReplacement[] } {
  const { inventory, vms, excludedHosts } = input;
  const usable = inventory.vmHosts.filter((host) => !excludedHosts.has(host.name) && !isDrained(host));
  const baseHosts = placementHosts({ ...inventory, vmHosts: usable });
  const replaced = new Set(input.replace.map((vm) => vm.hostname));
  const placed: PlacedReplacement[] = [];
  const unplaced: UnplacedReplacement[] = [];
  for (const old of input.replace) {
    const members = vms.filter((vm) => vm.role === old.role);
    const antiAffinity = observedAntiAffinity(members);
    const survivors = members.filter(
      (vm) => !replaced.has(vm.hostname) && usable.some((host) => host.name === vm.vmHost.name),
    );
    // Survivors are placed explicitly where they are, so their share of `used` comes off their host.
    const hosts: HostInput[] = baseHosts.map((host) => {
      const mine = survivors.filter((vm) => vm.vmHost.name === host.name);
      const used = host.used ?? {};
      return {
        ...host,
        used: {
          ...used,
          cores: Math.max(0, (used.cores ?? 0) - mine.reduce((n, vm) => n + vm.cores, 0)),
          memory: Math.max(0, Number(used.memory ?? 0) - mine.reduce((n, vm) => n + vm.memoryMiB, 0)),
        },
      };
    });
    const earlier = placed.filter((p) => p.old.role === old.role);
    const requests: VmRequestInput[] = [
      ...survivors.map((vm) => request(vm, vm.hostname, antiAffinity, vm.vmHost.name)),
      ...earlier.map((p) => request(p.old, `new-${p.old.hostname}`, antiAffinity, p.host.name)),
      // Replacements placed for other roles take their room too.
      ...placed
        .filter((p) => p.old.role !== old.role)
        .map((p) => request(p.old, `new-${p.old.hostname}`, undefined, p.host.name)),
      request(old, old.hostname, antiAffinity),
    ];
    if (hosts.length === 0) {
      unplaced.push({ old, message: `${old.hostname}: no VM host is left to place it on`, suggestions: [] });
      continue;
    }
    const result = solvePlacement(
      { hosts, vms: requests },
      { objective: 'spread', admission: input.rule, timeLimitMs: 0, maxIterations: 200, seed: 1 },
    );
    const mine = result.placements.find((p) => p.request === old.hostname);
    const host = usable.find((h) => h.name === mine?.host);
    if (!result.feasible || mine === undefined || host === undefined) {
      const why = result.unplaced.find((u) => u.vm.startsWith(`${old.hostname}/`)) ?? result.unplaced[0];
      unplaced.push({
        old,
        message: why?.message.replace(`${old.hostname}/0`, old.hostname) ?? `${old.hostname}: does not fit`,
        suggestions: why?.suggestions ?? [],
      });
      continue;
    }
    const defaultPool = host.storagePools.find((pool) => pool.id === host.defaultStoragePoolId)?.name;
    const pools = mine.disks.map((pool) => pool ?? defaultPool ?? 'default');
    placed.push({ old, host, pools });
  }
  return { placed, unplaced };
}
