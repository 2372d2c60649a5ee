import { type AdmissionRule, type Allocation, HostState, type Shortfall } from '../capacity/host-state.js';
import type { Host } from '../model/schemas.js';
import { type CompiledProblem, hostAllowed, type Unit } from './units.js';

/** Why a unit cannot go on a host right now. */
export type Refusal =
  | { kind: 'pin' }
  | { kind: 'anti-affinity'; group: number }
  | { kind: 'capacity'; shortfall: Shortfall };

/**
 * Units on hosts, with per-host capacity and per-group anti-affinity counts kept in step. Every placement
 * goes through `refusal`, so no state it builds can break a hard constraint.
 */
export class Assignment {
  readonly states: HostState[];
  readonly zoneOf: Int32Array;
  readonly zones: string[];
  readonly unitHost: Int32Array;
  readonly allocations: (Allocation | null)[];
  readonly hostUnits: Set<number>[];
  /** groupCount[g][domain]: members of group g on a host (scope host) or in a zone (scope zone). */
  readonly groupCount: Int32Array[];

  constructor(
    readonly hosts: readonly Host[],
    readonly problem: CompiledProblem,
    rule: AdmissionRule,
  ) {
    this.states = hosts.map((host) => new HostState(host, rule));
    this.zones = [...new Set(hosts.map((host) => host.zone))];
    const zoneIndex = new Map(this.zones.map((zone, i) => [zone, i]));
    this.zoneOf = Int32Array.from(hosts.map((host) => zoneIndex.get(host.zone)!));
    this.unitHost = new Int32Array(problem.units.length).fill(-1);
    this.allocations = problem.units.map(() => null);
    this.hostUnits = hosts.map(() => new Set<number>());
    this.groupCount = problem.groups.map(
      (group) => new Int32Array(group.scope === 'host' ? hosts.length : this.zones.length),
    );
  }

  private domain(group: number, h: number): number {
    return this.problem.groups[group]!.scope === 'host' ? h : this.zoneOf[h]!;
  }

  antiAffinityAllows(unit: Unit, h: number): number {
    for (const { group, count } of unit.groups) {
      if (
        this.groupCount[group]![this.domain(group, h)]! + count >
        this.problem.groups[group]!.maxPerDomain
      ) {
        return group;
      }
    }
    return -1;
  }

  refusal(unit: Unit, h: number): Refusal | null {
    if (!hostAllowed(unit, this.hosts[h]!)) return { kind: 'pin' };
    const group = this.antiAffinityAllows(unit, h);
    if (group >= 0) return { kind: 'anti-affinity', group };
    const shortfall = this.states[h]!.check(unit.demand);
    return shortfall ? { kind: 'capacity', shortfall } : null;
  }

  /** Same answer as `refusal(...) === null`, without building a refusal: this is the hot path. */
  canPlace(unit: Unit, h: number): boolean {
    const state = this.states[h]!;
    const demand = unit.demand;
    if (state.usedCores + demand.cores > state.cpuCapacity) return false;
    if (state.usedMemory + demand.memory > state.memoryCapacity) return false;
    if (unit.pinned && !hostAllowed(unit, this.hosts[h]!)) return false;
    if (unit.groups.length > 0 && this.antiAffinityAllows(unit, h) >= 0) return false;
    return state.check(demand) === null;
  }

  place(unit: Unit, h: number): void {
    this.allocations[unit.index] = this.states[h]!.add(unit.demand);
    this.unitHost[unit.index] = h;
    this.hostUnits[h]!.add(unit.index);
    for (const { group, count } of unit.groups) this.groupCount[group]![this.domain(group, h)]! += count;
  }

  unplace(unit: Unit): number {
    const h = this.unitHost[unit.index]!;
    this.states[h]!.remove(unit.demand, this.allocations[unit.index]!);
    this.allocations[unit.index] = null;
    this.unitHost[unit.index] = -1;
    this.hostUnits[h]!.delete(unit.index);
    for (const { group, count } of unit.groups) this.groupCount[group]![this.domain(group, h)]! -= count;
    return h;
  }

  move(unit: Unit, to: number): void {
    this.unplace(unit);
    this.place(unit, to);
  }

  usedHostCount(): number {
    let used = 0;
    for (const units of this.hostUnits) if (units.size > 0) used++;
    return used;
  }
}
