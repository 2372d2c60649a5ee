import type { PlacementProblem } from '../model/schemas.js';
import { Assignment } from '../placement/assignment.js';
import type { PlacementResult } from '../placement/solve-placement.js';
import { compileProblem, type Unit } from '../placement/units.js';
import type { AdmissionRule } from './host-state.js';

export interface HostFailure {
  /** The host that failed. */
  host: string;
  /** VMs of that host that found no room on the survivors. */
  stranded: string[];
}

export interface FailoverCheck {
  /** True when, for every host, all its VMs can be re-placed on the survivors (N-1). */
  ok: boolean;
  failures: HostFailure[];
}

/**
 * N-1 headroom: for each host in turn, take it away, keep every other VM where it is, and re-place the
 * failed host's VMs on the survivors (largest first, best fit) under every hard constraint.
 */
export function checkSingleHostFailures(
  problem: PlacementProblem,
  result: Pick<PlacementResult, 'placements'>,
  rule: AdmissionRule,
): FailoverCheck {
  const compiled = compileProblem(problem.hosts, problem.vms);
  const hostIndex = new Map(problem.hosts.map((h, i) => [h.name, i]));
  const vmHost = new Map(result.placements.map((p) => [p.vm, hostIndex.get(p.host)!]));
  const unitHome = compiled.units.map((u) => vmHost.get(u.members[0]!.name) ?? -1);
  const failures: HostFailure[] = [];
  for (let failed = 0; failed < problem.hosts.length; failed++) {
    const victims = compiled.units.filter((u) => unitHome[u.index] === failed);
    if (victims.length === 0) continue;
    const a = new Assignment(problem.hosts, compiled, rule);
    compiled.units.forEach((u) => {
      const home = unitHome[u.index]!;
      if (home >= 0 && home !== failed) a.place(u, home);
    });
    const stranded: string[] = [];
    for (const unit of [...victims].sort((x, y) => y.weight - x.weight)) {
      const target = fullestSurvivor(a, unit, failed);
      if (target >= 0) a.place(unit, target);
      else stranded.push(...unit.members.map((m) => m.name));
    }
    if (stranded.length > 0) failures.push({ host: problem.hosts[failed]!.name, stranded });
  }
  return { ok: failures.length === 0, failures };
}

function fullestSurvivor(a: Assignment, unit: Unit, failed: number): number {
  let best = -1;
  let bestUtil = Number.POSITIVE_INFINITY;
  for (let h = 0; h < a.hosts.length; h++) {
    if (h === failed || !a.canPlace(unit, h)) continue;
    // Least-utilised survivor first: failover should not pile onto the busiest host.
    const util = a.states[h]!.utilisation();
    if (util < bestUtil) {
      bestUtil = util;
      best = h;
    }
  }
  return best;
}
