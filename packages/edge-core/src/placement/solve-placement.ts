import * as z from 'zod';
import type { AdmissionRule, HostResource } from '../capacity/host-state.js';
import {
  type PlacementProblem,
  type PlacementProblemInput,
  PlacementProblemSchema,
} from '../model/schemas.js';
import { Assignment } from './assignment.js';
import type { LowerBound } from './bounds.js';
import { fromZodIssues } from './errors.js';
import { explainUnplaced, type UnplacedVm } from './explain.js';
import { placementLowerBound } from './placement-bounds.js';
import {
  type Budget,
  constructPack,
  constructSpread,
  improvePack,
  improveSpread,
  packHostOrder,
  placeWithEjection,
  unitOrder,
} from './strategies.js';
import { compileProblem, type Unit } from './units.js';
import { constructWithVectors } from './vector-construct.js';

export const SolvePlacementOptionsSchema = z
  .object({
    /** pack: fewest hosts (consolidation). spread: lowest peak utilisation (resilience). */
    objective: z.enum(['pack', 'spread']).default('pack'),
    /** `server`: the MAAS server's admission check; `ui`: also count VMs of other LXD projects. */
    admission: z.enum(['server', 'ui']).default('server'),
    /** Wall-clock cap on the improvement phase (construction always completes). Default 1000 ms. */
    timeLimitMs: z.number().nonnegative().default(1000),
    /** Deterministic effort cap; the search is deterministic for a given seed unless the time limit cuts it. */
    maxIterations: z.number().int().nonnegative().optional(),
    seed: z.number().int().default(1),
  })
  .strict();

export type SolvePlacementOptions = z.input<typeof SolvePlacementOptionsSchema>;

export interface VmPlacement {
  vm: string;
  request: string;
  host: string;
  zone: string;
  /** Storage pool name per disk (absent when the host's storage is not modelled). */
  disks: (string | null)[];
  /** GPU model per GPU request. */
  gpus: string[];
}

export interface HostUsage {
  host: string;
  zone: string;
  vms: string[];
  cores: { used: number; capacity: number };
  memory: { used: number; capacity: number };
  /** Larger of the core and memory fractions. */
  utilisation: number;
}

export interface PlacementResult {
  feasible: boolean;
  placements: VmPlacement[];
  unplaced: UnplacedVm[];
  /** Hosts that received at least one VM of this problem. */
  hostsUsed: number;
  lowerBound: LowerBound;
  /** (hostsUsed - bound) / bound. */
  gap: number;
  provenOptimal: boolean;
  /**
   * Over the hosts used, existing usage included: used / capacity per resource (cores and memory against the
   * over-committed capacity; storage against the pools' free space before this placement). Resources no
   * used host has are absent.
   */
  utilisation: { cores: number; memory: number } & Partial<
    Record<'hugepages' | 'pinned-cores' | 'storage' | 'gpus', number>
  >;
  /** The unplaced VMs' binding resource when some did not fit, else the most utilised resource. */
  bindingResource: HostResource;
  hosts: HostUsage[];
  stats: { objective: 'pack' | 'spread'; timeMs: number; iterations: number; admission: AdmissionRule };
}

/**
 * Places every VM on the hosts, or explains per VM what stops it and the smallest change that would make it
 * fit. Hard constraints (MAAS admission, storage, hugepages, GPUs, pins, affinity, anti-affinity) are never
 * relaxed.
 */
export function solvePlacement(
  problem: PlacementProblemInput,
  options: SolvePlacementOptions = {},
): PlacementResult {
  const started = performance.now();
  const parsedProblem = PlacementProblemSchema.safeParse(problem);
  if (!parsedProblem.success) throw fromZodIssues('placement problem', parsedProblem.error.issues);
  const parsedOptions = SolvePlacementOptionsSchema.safeParse(options);
  if (!parsedOptions.success) throw fromZodIssues('solvePlacement options', parsedOptions.error.issues);
  return solveParsed(parsedProblem.data, parsedOptions.data, started);
}

/** For callers that already hold parsed data (sizeFleet runs many solves on one parsed workload). */
export function solveParsed(
  problem: PlacementProblem,
  options: z.output<typeof SolvePlacementOptionsSchema>,
  started = performance.now(),
): PlacementResult {
  const compiled = compileProblem(problem.hosts, problem.vms);
  const a = new Assignment(problem.hosts, compiled, options.admission);
  const bound = placementLowerBound(compiled, a.states);
  const budget: Budget = {
    deadline: started + options.timeLimitMs,
    maxIterations: options.maxIterations ?? Number.POSITIVE_INFINITY,
    now: () => performance.now(),
    iterations: 0,
  };
  const order = unitOrder(compiled.units);
  const hostOrder = packHostOrder(a);
  let left: Unit[];
  if (options.objective === 'spread') left = constructSpread(a, order);
  else if (constructWithVectors(a, hostOrder, budget, options.seed)) left = [];
  else left = constructPack(a, order, hostOrder);
  // Second chance for what did not fit: make room by moving one placed unit elsewhere.
  left = left.filter((unit) => !placeWithEjection(a, unit, hostOrder, new Set(), budget));
  if (options.objective === 'pack') improvePack(a, bound.value, budget);
  else improveSpread(a, budget);
  // The improvement may have freed room: one more plain try for what is still out.
  left = left.filter((unit) => {
    const h = hostOrder.find((candidate) => a.canPlace(unit, candidate));
    if (h === undefined) return true;
    a.place(unit, h);
    return false;
  });
  return report(
    a,
    problem,
    left.flatMap((unit) => explainUnplaced(a, unit)),
    bound,
    options,
    budget,
    started,
  );
}

function report(
  a: Assignment,
  problem: PlacementProblem,
  unplaced: UnplacedVm[],
  bound: LowerBound,
  options: z.output<typeof SolvePlacementOptionsSchema>,
  budget: Budget,
  started: number,
): PlacementResult {
  const placements: VmPlacement[] = [];
  for (const unit of a.problem.units) {
    const h = a.unitHost[unit.index]!;
    if (h < 0) continue;
    const host = problem.hosts[h]!;
    const allocation = a.allocations[unit.index]!;
    let disk = 0;
    let gpu = 0;
    for (const member of unit.members) {
      const disks = member.demand.disks.map(() => {
        const p = allocation.pools[disk++] ?? -1;
        return p >= 0 ? (host.storagePools?.[p]?.name ?? null) : null;
      });
      const gpus = member.demand.gpus.map(() => allocation.gpuModels[gpu++]!);
      placements.push({
        vm: member.name,
        request: member.request.name,
        host: host.name,
        zone: host.zone,
        disks,
        gpus,
      });
    }
  }
  const vmsByHost = new Map<string, string[]>();
  for (const p of placements) vmsByHost.set(p.host, [...(vmsByHost.get(p.host) ?? []), p.vm]);
  const hosts: HostUsage[] = [];
  // used / capacity per resource, summed over the hosts used (existing usage included).
  const totals = new Map<
    Exclude<HostResource, 'vm-max-cores' | 'vm-max-memory'>,
    { used: number; capacity: number }
  >();
  const tally = (resource: Parameters<typeof totals.set>[0], used: number, capacity: number): void => {
    if (capacity <= 0) return;
    const sum = totals.get(resource) ?? { used: 0, capacity: 0 };
    totals.set(resource, { used: sum.used + used, capacity: sum.capacity + capacity });
  };
  a.states.forEach((state, h) => {
    if (a.hostUnits[h]!.size === 0) return;
    const host = state.host;
    tally('cores', state.usedCores, state.cpuCapacity);
    tally('memory', state.usedMemory, state.memoryCapacity);
    tally('hugepages', host.hugepages - state.hugepagesFree, host.hugepages);
    if (state.pinnedFree < host.cores) tally('pinned-cores', host.cores - state.pinnedFree, host.cores);
    // Pools report free space only: utilisation of what was free before this placement.
    const poolFreeBefore = (host.storagePools ?? []).reduce((sum, pool) => sum + pool.free, 0);
    const poolFreeAfter = state.poolFree.reduce((sum, free) => sum + free, 0);
    tally('storage', poolFreeBefore - poolFreeAfter, poolFreeBefore);
    const gpusTotal = host.gpus.reduce((sum, gpu) => sum + gpu.count, 0);
    const gpusFree = [...state.gpuFree.values()].reduce((sum, count) => sum + count, 0);
    tally('gpus', gpusTotal - gpusFree, gpusTotal);
    hosts.push({
      host: host.name,
      zone: host.zone,
      vms: vmsByHost.get(host.name) ?? [],
      cores: { used: state.usedCores, capacity: state.cpuCapacity },
      memory: { used: state.usedMemory, capacity: state.memoryCapacity },
      utilisation: state.utilisation(),
    });
  });
  const hostsUsed = hosts.length;
  const utilisation: PlacementResult['utilisation'] = { cores: 0, memory: 0 };
  let busiest: HostResource = 'cores';
  for (const [resource, { used, capacity }] of totals) {
    utilisation[resource] = used / capacity;
    if (used / capacity > (utilisation[busiest] ?? 0)) busiest = resource;
  }
  const feasible = unplaced.length === 0;
  return {
    feasible,
    placements,
    unplaced,
    hostsUsed,
    lowerBound: bound,
    gap: bound.value > 0 ? (hostsUsed - bound.value) / bound.value : 0,
    provenOptimal: feasible && options.objective === 'pack' && hostsUsed === bound.value,
    utilisation,
    bindingResource:
      unplaced[0]?.binding !== undefined &&
      unplaced[0].binding !== 'pin' &&
      unplaced[0].binding !== 'anti-affinity'
        ? unplaced[0].binding
        : busiest,
    hosts,
    stats: {
      objective: options.objective,
      timeMs: performance.now() - started,
      iterations: budget.iterations,
      admission: options.admission,
    },
  };
}
