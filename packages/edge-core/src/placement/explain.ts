import type { HostResource, Shortfall } from '../capacity/host-state.js';
import type { Assignment } from './assignment.js';
import { hostAllowed, type Unit } from './units.js';

/** The smallest change found that would let an unplaced VM fit. */
export type Suggestion =
  | { kind: 'raise-ratio'; host: string; resource: 'cpu' | 'memory'; from: number; to: number }
  | { kind: 'add-host'; zone: string }
  | { kind: 'raise-max-per-domain'; group: string; from: number; to: number }
  | { kind: 'free-resource'; host: string; resource: HostResource; amount: number; detail?: string }
  | { kind: 'relax-pin'; vm: string };

export interface UnplacedVm {
  vm: string;
  /** What stops it: a capacity resource, `anti-affinity`, or `pin` (zone/tag/pool/host pins match no host). */
  binding: HostResource | 'anti-affinity' | 'pin';
  message: string;
  suggestions: Suggestion[];
}

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

function ordinal(n: number): string {
  return ORDINALS[n - 1] ?? `${n}th`;
}

/** Ratios are set in steps of 0.1 in practice; round the needed ratio up to the next step. */
function ratioStep(x: number): number {
  return Math.ceil(x * 10 - 1e-9) / 10;
}

function describeNeed(shortfall: Shortfall): string {
  const n = shortfall.need;
  switch (shortfall.resource) {
    case 'cores':
      return `${n} free cores`;
    case 'memory':
      return `${n} MiB free memory`;
    case 'hugepages':
      return `${n} MiB free hugepages`;
    case 'pinned-cores':
      return `${n} free cores to pin`;
    case 'storage':
      return `${(n / 2 ** 30).toFixed(1)} GiB free storage${shortfall.detail ? ` in pool ${shortfall.detail}` : ''}`;
    case 'gpus':
      return `${n} free GPUs${shortfall.detail ? ` of model ${shortfall.detail}` : ''}`;
    case 'vm-max-cores':
      return `${n} physical cores (one VM cannot exceed its host)`;
    case 'vm-max-memory':
      return `${n} MiB physical memory (one VM cannot exceed its host)`;
  }
}

/**
 * Explains why `unit` could not be placed: the constraint that binds, and the smallest change that would
 * let it in (raise one host's ratio to the next 0.1 step that admits it, add a host in a zone the
 * anti-affinity still allows, or free a resource), for each VM of the unit.
 */
export function explainUnplaced(a: Assignment, unit: Unit): UnplacedVm[] {
  const explanation = explainUnit(a, unit);
  return unit.members.map((member) => ({
    vm: member.name,
    binding: explanation.binding,
    message: `${member.name}: ${explanation.message}`,
    suggestions: explanation.suggestions,
  }));
}

function explainUnit(a: Assignment, unit: Unit): Omit<UnplacedVm, 'vm'> {
  const hosts = a.hosts;
  const allowed = hosts.map((_, h) => h).filter((h) => hostAllowed(unit, hosts[h]!));
  const pinZones = unit.zones ? [...unit.zones] : null;
  if (hosts.length === 0) {
    return {
      binding: 'pin',
      message: 'there are no hosts; add a host',
      suggestions: [{ kind: 'add-host', zone: 'default' }],
    };
  }
  if (allowed.length === 0) {
    const wants = [
      pinZones ? `in zone ${pinZones.join(' or ')}` : '',
      unit.tags.length > 0 ? `tagged ${unit.tags.join(', ')}` : '',
      unit.pool !== null ? `in resource pool ${unit.pool}` : '',
      unit.hosts ? `named ${[...unit.hosts].join(' or ')}` : '',
    ].filter((s) => s.length > 0);
    return {
      binding: 'pin',
      message: `no host is ${wants.join(', ')}; add such a host or relax the pin`,
      suggestions: [
        ...(pinZones ? pinZones.map((zone) => ({ kind: 'add-host' as const, zone })) : []),
        { kind: 'relax-pin', vm: unit.members[0]!.request.name },
      ],
    };
  }
  const open = allowed.filter((h) => a.antiAffinityAllows(unit, h) < 0);
  if (open.length === 0) return explainAntiAffinity(a, unit, allowed, pinZones);

  // Capacity: find, per open host, every shortfall, and what fixes it.
  const zoneGroup = unit.groups.find((g) => a.problem.groups[g.group]!.scope === 'zone');
  const where = zoneGroup
    ? `no host in a ${ordinal(usedDomains(a, zoneGroup.group).size + 1)} zone`
    : pinZones
      ? `no host in ${pinZones.join(' or ')}`
      : 'no host';
  let bestFix: { cost: number; suggestion: Suggestion[]; shortfall: Shortfall; host: number } | null = null;
  let firstShortfall: { shortfall: Shortfall; host: number } | null = null;
  for (const h of open) {
    const state = a.states[h]!;
    const shortfalls = state.allShortfalls(unit.demand);
    if (shortfalls.length === 0) continue;
    firstShortfall ??= { shortfall: shortfalls[0]!, host: h };
    const host = hosts[h]!;
    const raises: Suggestion[] = [];
    let cost = 0;
    let fixable = true;
    for (const s of shortfalls) {
      if (s.resource !== 'cores' && s.resource !== 'memory') {
        fixable = false;
        continue;
      }
      const cpu = s.resource === 'cores';
      const from = cpu ? host.cpuOverCommitRatio : host.memoryOverCommitRatio;
      const needed = cpu
        ? (state.usedCores + unit.demand.cores) / host.cores
        : (state.usedMemory + unit.demand.memory) / host.memory;
      const to = ratioStep(needed);
      raises.push({ kind: 'raise-ratio', host: host.name, resource: cpu ? 'cpu' : 'memory', from, to });
      cost += (to - from) / Math.max(from, 0.1);
      if (to > 10) fixable = false;
    }
    if (fixable && (bestFix === null || cost < bestFix.cost - 1e-12)) {
      bestFix = { cost, suggestion: raises, shortfall: shortfalls[0]!, host: h };
    }
  }
  const shown = bestFix ?? firstShortfall;
  if (!shown) {
    // Every open host admits the unit on its own: it was crowded out by the other VMs placed.
    return {
      binding: 'cores',
      message: `${where} has room left after the other VMs were placed; add a host or raise a ratio`,
      suggestions: addHostSuggestions(a, unit, allowed, pinZones),
    };
  }
  const shortfall = shown.shortfall;
  const host = hosts[shown.host]!;
  const ratioText =
    shortfall.resource === 'cores'
      ? ` at cpu ratio ${host.cpuOverCommitRatio.toFixed(1)}`
      : shortfall.resource === 'memory'
        ? ` at memory ratio ${host.memoryOverCommitRatio.toFixed(1)}`
        : '';
  const addHost = addHostSuggestions(a, unit, allowed, pinZones);
  const fixes: string[] = [];
  if (bestFix) {
    fixes.push(
      `raise ${host.name} ${bestFix.suggestion
        .map((s) => (s.kind === 'raise-ratio' ? `${s.resource} ratio to ${s.to.toFixed(1)}` : ''))
        .join(' and ')}`,
    );
  } else if (!isPhysicalCap(shortfall)) {
    fixes.push(`free ${describeMissing(shortfall)} on ${host.name}`);
  }
  const zonesToAdd = addHost.flatMap((s) => (s.kind === 'add-host' ? [s.zone] : []));
  if (zonesToAdd.length > 0) {
    const size = isPhysicalCap(shortfall)
      ? ` with at least ${shortfall.need} ${shortfall.resource === 'vm-max-cores' ? 'cores' : 'MiB of memory'}`
      : '';
    fixes.push(`add a host${size} in ${zonesToAdd.join(' or ')}`);
  }
  const freeSuggestion: Suggestion[] =
    bestFix || isPhysicalCap(shortfall)
      ? []
      : [
          {
            kind: 'free-resource',
            host: host.name,
            resource: shortfall.resource,
            amount: Math.max(0, shortfall.need - shortfall.free),
            ...(shortfall.detail ? { detail: shortfall.detail } : {}),
          },
        ];
  return {
    binding: shortfall.resource,
    message: `${where} has ${describeNeed(shortfall)}${ratioText}; ${fixes.join(' or ')}`,
    suggestions: [...(bestFix?.suggestion ?? freeSuggestion), ...addHost],
  };
}

/** One VM larger than a host's physical cores or memory: no ratio or freeing helps, only a bigger host. */
function isPhysicalCap(shortfall: Shortfall): boolean {
  return shortfall.resource === 'vm-max-cores' || shortfall.resource === 'vm-max-memory';
}

/** What is missing, e.g. "10.0 GiB of storage in pool ssd", "2 GPUs of model a100". */
function describeMissing(shortfall: Shortfall): string {
  const missing = Math.max(0, shortfall.need - shortfall.free);
  const whole = Math.ceil(missing);
  switch (shortfall.resource) {
    case 'storage':
      return `${(missing / 2 ** 30).toFixed(1)} GiB of storage${shortfall.detail ? ` in pool ${shortfall.detail}` : ''}`;
    case 'hugepages':
      return `${whole} MiB of hugepages`;
    case 'pinned-cores':
      return `${whole} cores to pin`;
    case 'gpus':
      return `${whole} GPUs${shortfall.detail ? ` of model ${shortfall.detail}` : ''}`;
    case 'memory':
      return `${whole} MiB of memory`;
    default:
      return `${whole} cores`;
  }
}

function usedDomains(a: Assignment, group: number): Set<number> {
  const counts = a.groupCount[group]!;
  const used = new Set<number>();
  counts.forEach((c, d) => {
    if (c > 0) used.add(d);
  });
  return used;
}

/** Zones where a new host would be allowed by the unit's pins and its zone anti-affinity. */
function addHostSuggestions(
  a: Assignment,
  unit: Unit,
  allowed: readonly number[],
  pinZones: readonly string[] | null,
): Suggestion[] {
  const candidates = pinZones ?? [...new Set(allowed.map((h) => a.hosts[h]!.zone))];
  const zones = candidates.filter((zone) =>
    unit.groups.every(({ group, count }) => {
      const g = a.problem.groups[group]!;
      if (g.scope !== 'zone') return true;
      const z = a.zones.indexOf(zone);
      return z < 0 || a.groupCount[group]![z]! + count <= g.maxPerDomain;
    }),
  );
  return zones.map((zone) => ({ kind: 'add-host', zone }));
}

function explainAntiAffinity(
  a: Assignment,
  unit: Unit,
  allowed: readonly number[],
  pinZones: readonly string[] | null,
): Omit<UnplacedVm, 'vm'> {
  const blocking = a.antiAffinityAllows(unit, allowed[0]!);
  const group = a.problem.groups[blocking]!;
  const used = usedDomains(a, blocking).size;
  const suggestions: Suggestion[] = [
    { kind: 'raise-max-per-domain', group: group.name, from: group.maxPerDomain, to: group.maxPerDomain + 1 },
  ];
  let message: string;
  if (group.scope === 'zone') {
    const known = new Set(a.zones);
    const fresh = (pinZones ?? []).filter((z) => !known.has(z));
    const zoneText = fresh.length > 0 ? fresh.join(' or ') : 'a new zone';
    message = `anti-affinity group ${group.name} allows ${group.maxPerDomain} per zone and every allowed zone is full; it needs a host in a ${ordinal(used + 1)} zone: add a host in ${zoneText} or raise maxPerDomain to ${group.maxPerDomain + 1}`;
    suggestions.unshift({ kind: 'add-host', zone: fresh[0] ?? 'a new zone' });
  } else {
    const zones = [...new Set(allowed.map((h) => a.hosts[h]!.zone))];
    message = `anti-affinity group ${group.name} allows ${group.maxPerDomain} per host and every allowed host has that many; add a host in ${zones.join(' or ')} or raise maxPerDomain to ${group.maxPerDomain + 1}`;
    suggestions.unshift(...zones.map((zone) => ({ kind: 'add-host' as const, zone })));
  }
  return { binding: 'anti-affinity', message, suggestions };
}
