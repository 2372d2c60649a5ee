import { addDemands, type Demand, emptyDemand } from '../capacity/demand.js';
import type { Host, VmRequest } from '../model/schemas.js';
import { placementError } from './errors.js';

/** One VM to place, e.g. `etcd/2`, the third of request `etcd`. */
export interface VmInstance {
  name: string;
  request: VmRequest;
  demand: Demand;
}

export interface AntiAffinityGroup {
  name: string;
  scope: 'host' | 'zone';
  maxPerDomain: number;
  size: number;
}

/** VMs that must share a host (an affinity group, or a single VM), placed as one. */
export interface Unit {
  index: number;
  members: VmInstance[];
  demand: Demand;
  /** Allowed zones / hosts, when pinned. */
  zones: ReadonlySet<string> | null;
  hosts: ReadonlySet<string> | null;
  tags: readonly string[];
  pool: string | null;
  /** True when any of zones, hosts, tags or pool restricts where the unit may go. */
  pinned: boolean;
  /** Anti-affinity group index and how many members of it this unit holds. */
  groups: { group: number; count: number }[];
  /** Rough size against the average host, for ordering. */
  weight: number;
}

export interface CompiledProblem {
  units: Unit[];
  groups: AntiAffinityGroup[];
  vmCount: number;
}

export function demandOf(request: VmRequest): Demand {
  return {
    cores: request.cores,
    pinnedCores: request.pinned ? request.cores : 0,
    memory: request.memory,
    hugepages: request.hugepages ? request.memory : 0,
    disks: request.disks.map((disk) => ({ size: disk.size, pool: disk.pool, tags: disk.tags })),
    gpus: request.gpus ? [{ count: request.gpus.count, model: request.gpus.model }] : [],
    largestCores: request.cores,
    largestMemory: request.memory,
  };
}

/** Expands counts into named instances, merges affinity groups into units and checks the constraints agree. */
export function compileProblem(hosts: readonly Host[], vms: readonly VmRequest[]): CompiledProblem {
  const names = new Set<string>();
  vms.forEach((vm, r) => {
    if (names.has(vm.name)) {
      throw placementError(
        'invalid-input',
        `two VM requests are named "${vm.name}"`,
        `vms.${r}.name`,
        'Give every VM request its own name; use `count` for copies.',
      );
    }
    names.add(vm.name);
  });
  const hostNames = new Set<string>();
  hosts.forEach((host, h) => {
    if (hostNames.has(host.name)) {
      throw placementError(
        'invalid-input',
        `two hosts are named "${host.name}"`,
        `hosts.${h}.name`,
        'Host names must be unique.',
      );
    }
    hostNames.add(host.name);
  });

  const groups: AntiAffinityGroup[] = [];
  const groupIndex = new Map<string, number>();
  vms.forEach((vm, r) => {
    const rule = vm.antiAffinity;
    if (!rule) return;
    const known = groupIndex.get(rule.group);
    if (known === undefined) {
      groupIndex.set(rule.group, groups.length);
      groups.push({ name: rule.group, scope: rule.scope, maxPerDomain: rule.maxPerDomain, size: vm.count });
      return;
    }
    const group = groups[known]!;
    if (group.scope !== rule.scope || group.maxPerDomain !== rule.maxPerDomain) {
      throw placementError(
        'contradictory-constraints',
        `anti-affinity group "${rule.group}" is declared with scope ${group.scope}/at most ${group.maxPerDomain} and with scope ${rule.scope}/at most ${rule.maxPerDomain}`,
        `vms.${r}.antiAffinity`,
        'Declare one scope and one maxPerDomain per anti-affinity group.',
      );
    }
    group.size += vm.count;
  });

  const instancesByUnitKey = new Map<string, VmInstance[]>();
  const unitOrder: string[] = [];
  let vmCount = 0;
  vms.forEach((vm, r) => {
    for (let i = 0; i < vm.count; i++) {
      const instance: VmInstance = { name: `${vm.name}/${i}`, request: vm, demand: demandOf(vm) };
      const key = vm.affinity !== undefined ? `affinity:${vm.affinity}` : `vm:${r}:${i}`;
      if (!instancesByUnitKey.has(key)) {
        instancesByUnitKey.set(key, []);
        unitOrder.push(key);
      }
      instancesByUnitKey.get(key)!.push(instance);
      vmCount++;
    }
  });

  const avgCores =
    hosts.length > 0 ? hosts.reduce((s, h) => s + h.cores * h.cpuOverCommitRatio, 0) / hosts.length : 1;
  const avgMemory =
    hosts.length > 0 ? hosts.reduce((s, h) => s + h.memory * h.memoryOverCommitRatio, 0) / hosts.length : 1;
  const units = unitOrder.map((key, index) => {
    const members = instancesByUnitKey.get(key)!;
    return buildUnit(index, key, members, groupIndex, groups, avgCores || 1, avgMemory || 1);
  });
  return { units, groups, vmCount };
}

function intersect(
  a: ReadonlySet<string> | null,
  b: readonly string[] | undefined,
): ReadonlySet<string> | null {
  if (b === undefined) return a;
  const next = new Set(b);
  return a === null ? next : new Set([...a].filter((x) => next.has(x)));
}

function buildUnit(
  index: number,
  key: string,
  members: VmInstance[],
  groupIndex: ReadonlyMap<string, number>,
  groups: readonly AntiAffinityGroup[],
  avgCores: number,
  avgMemory: number,
): Unit {
  let demand = emptyDemand();
  let zones: ReadonlySet<string> | null = null;
  let hosts: ReadonlySet<string> | null = null;
  const tags = new Set<string>();
  let pool: string | null = null;
  const counts = new Map<number, number>();
  for (const member of members) {
    const vm = member.request;
    demand = addDemands(demand, member.demand);
    zones = intersect(zones, vm.zones);
    hosts = intersect(hosts, vm.hosts);
    for (const tag of vm.tags) tags.add(tag);
    if (vm.pool !== undefined) {
      if (pool !== null && pool !== vm.pool) {
        throw placementError(
          'contradictory-constraints',
          `affinity ${key} joins VMs pinned to resource pools ${pool} and ${vm.pool}`,
          `vms.${vm.name}.pool`,
          'VMs that share a host must allow the same resource pool.',
        );
      }
      pool = vm.pool;
    }
    if (vm.antiAffinity) {
      const g = groupIndex.get(vm.antiAffinity.group)!;
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
  }
  for (const [g, count] of counts) {
    const group = groups[g]!;
    if (count > group.maxPerDomain) {
      throw placementError(
        'contradictory-constraints',
        `affinity ${key} puts ${count} members of anti-affinity group "${group.name}" on one host, which allows at most ${group.maxPerDomain} per ${group.scope}`,
        `vms.${members[0]!.request.name}.affinity`,
        'Drop the affinity or the anti-affinity, or raise maxPerDomain.',
      );
    }
  }
  if ((zones && zones.size === 0) || (hosts && hosts.size === 0)) {
    throw placementError(
      'contradictory-constraints',
      `affinity ${key} joins VMs whose zone or host pins have nothing in common`,
      `vms.${members[0]!.request.name}`,
      'VMs that share a host must allow at least one common zone and host.',
    );
  }
  return {
    index,
    members,
    demand,
    zones,
    hosts,
    tags: [...tags],
    pool,
    pinned: zones !== null || hosts !== null || tags.size > 0 || pool !== null,
    groups: [...counts].map(([group, count]) => ({ group, count })),
    weight: demand.cores / avgCores + demand.memory / avgMemory,
  };
}

/** Pins that do not depend on what is already placed: zone, host name, tags, resource pool. */
export function hostAllowed(unit: Unit, host: Host): boolean {
  if (unit.zones && !unit.zones.has(host.zone)) return false;
  if (unit.hosts && !unit.hosts.has(host.name)) return false;
  if (unit.pool !== null && unit.pool !== host.pool) return false;
  for (const tag of unit.tags) if (!host.tags.includes(tag)) return false;
  return true;
}
