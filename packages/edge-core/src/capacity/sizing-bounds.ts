import type { Host } from '../model/schemas.js';
import type { LowerBound } from '../placement/bounds.js';
import { placementLowerBound } from '../placement/placement-bounds.js';
import { type CompiledProblem, hostAllowed } from '../placement/units.js';
import type { AdmissionRule } from './host-state.js';
import { HostState } from './host-state.js';

/**
 * Fewest hosts of a fleet (hosts of one profile dealt round-robin over `zones`, as sizeFleet builds it) on
 * which the workload places and, with `tolerate` 1, survives the loss of any one host. Each bound carries
 * its rule; all are returned, the best first.
 *
 * - Placement: the placement bounds (capacity, anti-affinity, vector bounds) over a fleet large enough that
 *   the host count is never the limit.
 * - N-1, capacity: after any one host fails the others must still hold every VM, so one host more.
 * - N-1, zone anti-affinity: a group of r members with at most q per zone that fills every zone it may use
 *   (r = q x zones) leaves no free slot in another zone, so a failed host's members can only move to
 *   another host of their own zone: each of those zones needs a second host, which round-robin dealing
 *   reaches only at zones + (position of the last such zone) + 1 hosts.
 */
export function sizingLowerBounds(
  problem: CompiledProblem,
  fleet: (n: number) => Host[],
  maxHosts: number,
  zones: readonly string[],
  tolerate: number,
  rule: AdmissionRule,
): LowerBound[] {
  const hosts = fleet(maxHosts);
  const placed = placementLowerBound(
    problem,
    hosts.map((host) => new HostState(host, rule)),
  );
  if (tolerate === 0) return [placed];
  const bounds: LowerBound[] = [
    {
      value: placed.value + 1,
      rule: 'N-1',
      detail: `any one host may fail and the rest must still hold every VM: ${placed.value} (${placed.rule}: ${placed.detail}) + 1`,
    },
  ];
  // One host of each zone stands for the zone when asking where a group's members may go.
  const zoneHost = new Map<string, Host>();
  for (const host of hosts) if (!zoneHost.has(host.zone)) zoneHost.set(host.zone, host);
  problem.groups.forEach((group, g) => {
    if (group.scope !== 'zone') return;
    const members = problem.units.filter((unit) => unit.groups.some((x) => x.group === g));
    const usable = zones
      .map((zone, position) => ({ zone, position }))
      .filter(({ zone }) => {
        const host = zoneHost.get(zone);
        return host !== undefined && members.some((unit) => hostAllowed(unit, host));
      });
    if (usable.length === 0 || group.size < group.maxPerDomain * usable.length) return;
    const lastPosition = Math.max(...usable.map((x) => x.position));
    bounds.push({
      value: zones.length + lastPosition + 1,
      rule: 'N-1',
      detail: `group ${group.name}: ${group.size} members at most ${group.maxPerDomain} per zone fill all ${usable.length} zones it may use, so a failed host's members stay in their zone: every such zone needs 2 hosts`,
    });
  });
  bounds.sort((a, b) => b.value - a.value);
  return [...bounds, placed];
}
