import * as z from 'zod';
import { type Host, HostSchema, type PlacementProblem, VmRequestSchema } from '../model/schemas.js';
import type { LowerBound } from '../placement/bounds.js';
import { fromZodIssues } from '../placement/errors.js';
import {
  type PlacementResult,
  SolvePlacementOptionsSchema,
  solveParsed,
} from '../placement/solve-placement.js';
import { compileProblem } from '../placement/units.js';
import { checkSingleHostFailures, type FailoverCheck } from './failover.js';
import { sizingLowerBounds } from './sizing-bounds.js';

export const HostProfileSchema = HostSchema.omit({ name: true, zone: true });

export const SizeFleetInputSchema = z
  .object({
    /** The host every new host is a copy of (cores, memory, storage pools, ratios, GPUs...). */
    profile: HostProfileSchema,
    workload: z.array(VmRequestSchema),
    zones: z.array(z.string().min(1)).min(1).default(['default']),
    /** 0: just fit; 1: every VM of any one failed host must fit on the survivors (N-1). */
    tolerateHostFailures: z.number().int().min(0).max(1).default(0),
    /** Existing hosts: also report the smallest uniform over-commit ratios that make them suffice. */
    hosts: z.array(HostSchema).optional(),
    maxHosts: z.number().int().positive().default(500),
    admission: z.enum(['server', 'ui']).default('server'),
    /** Per placement attempt (sizing runs many): wall-clock cap on each solve's improvement phase. */
    timeLimitMs: z.number().nonnegative().default(200),
    /** Per placement attempt: deterministic effort cap, passed to solvePlacement. */
    maxIterations: z.number().int().nonnegative().optional(),
  })
  .strict();

export type SizeFleetInput = z.input<typeof SizeFleetInputSchema>;

export interface RatioAdvice {
  /** Smallest cpu and memory over-commit ratios (0.1 steps, the same on every given host) that fit the workload, or null when even 10 does not. */
  cpu: number | null;
  memory: number | null;
  failover: FailoverCheck | null;
}

export interface SizeFleetResult {
  /** Fewest hosts of the profile, or null when `maxHosts` is not enough. */
  hosts: number | null;
  perZone: Record<string, number>;
  /** Lower bound on the host count (failure tolerance included) and the rule that gave it. */
  lowerBound: LowerBound;
  /** Every sizing bound computed, best first. */
  bounds: LowerBound[];
  /** (hosts - bound) / bound: the certified gap; 0 when proven optimal. */
  gap: number;
  /** hosts equals the bound: no fleet of this profile with fewer hosts can work. */
  provenOptimal: boolean;
  /** The placement on the sized fleet (or on `maxHosts` hosts when none sufficed). */
  placement: PlacementResult;
  /** N-1 check of that placement, when tolerateHostFailures is 1. */
  failover: FailoverCheck | null;
  /** For `hosts`, when given. */
  ratios: RatioAdvice | null;
}

/**
 * How many hosts of a profile a workload needs: the fewest hosts (spread round-robin over the zones, so
 * zone anti-affinity has somewhere to go) on which every VM places and, with tolerateHostFailures = 1,
 * survives any single host failure. Also, for existing hosts, the smallest ratios that make them suffice.
 */
export function sizeFleet(input: SizeFleetInput): SizeFleetResult {
  const parsed = SizeFleetInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues('sizeFleet input', parsed.error.issues);
  const spec = parsed.data;
  const options = SolvePlacementOptionsSchema.parse({
    admission: spec.admission,
    timeLimitMs: spec.timeLimitMs,
    ...(spec.maxIterations !== undefined ? { maxIterations: spec.maxIterations } : {}),
  });
  const fleet = (n: number): Host[] =>
    Array.from({ length: n }, (_, i) => {
      const zone = spec.zones[i % spec.zones.length]!;
      return { ...spec.profile, name: `${zone}-${Math.floor(i / spec.zones.length) + 1}`, zone };
    });
  const attempt = (n: number) => {
    const problem: PlacementProblem = { hosts: fleet(n), vms: spec.workload };
    for (const objective of spec.tolerateHostFailures > 0
      ? (['pack', 'spread'] as const)
      : (['pack'] as const)) {
      const placement = solveParsed(problem, { ...options, objective });
      if (!placement.feasible) return { placement, failover: null, ok: false };
      const failover =
        spec.tolerateHostFailures > 0 ? checkSingleHostFailures(problem, placement, spec.admission) : null;
      if (!failover || failover.ok) return { placement, failover, ok: true };
      if (objective === 'spread') return { placement, failover, ok: false };
    }
    throw new Error('unreachable');
  };

  const bounds = sizingLowerBounds(
    compileProblem([], spec.workload),
    fleet,
    spec.maxHosts,
    spec.zones,
    spec.tolerateHostFailures,
    spec.admission,
  );
  const bound = bounds[0]!;
  // Grow from the bound: the first fleet size that works is the answer, proven optimal when it is the bound.
  let n = Math.min(Math.max(bound.value, 1), spec.maxHosts);
  let last = attempt(n);
  while (!last.ok && n < spec.maxHosts) {
    n++;
    last = attempt(n);
  }
  const perZone: Record<string, number> = {};
  for (const host of fleet(n)) perZone[host.zone] = (perZone[host.zone] ?? 0) + 1;
  return {
    hosts: last.ok ? n : null,
    perZone,
    lowerBound: bound,
    bounds,
    gap: last.ok && bound.value > 0 ? (n - bound.value) / bound.value : 0,
    provenOptimal: last.ok && n === bound.value,
    placement: last.placement,
    failover: last.failover,
    ratios: spec.hosts ? smallestRatios(spec.hosts, spec.workload, spec.tolerateHostFailures, options) : null,
  };
}

/** Grid search (0.1 steps) for the smallest uniform ratios under which the given hosts take the workload. */
function smallestRatios(
  hosts: readonly Host[],
  workload: PlacementProblem['vms'],
  tolerate: number,
  options: z.output<typeof SolvePlacementOptionsSchema>,
): RatioAdvice {
  const fits = (cpu: number, memory: number): FailoverCheck | false | null => {
    const problem: PlacementProblem = {
      hosts: hosts.map((h) => ({ ...h, cpuOverCommitRatio: cpu, memoryOverCommitRatio: memory })),
      vms: workload,
    };
    const placement = solveParsed(problem, { ...options, objective: tolerate > 0 ? 'spread' : 'pack' });
    if (!placement.feasible) return false;
    if (tolerate === 0) return null;
    const failover = checkSingleHostFailures(problem, placement, options.admission);
    return failover.ok ? failover : false;
  };
  const smallest = (test: (r: number) => boolean): number | null => {
    // steps of 0.1 from 0.1 to 10, as integers to avoid float drift
    let lo = 1;
    let hi = 100;
    if (!test(hi / 10)) return null;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (test(mid / 10)) hi = mid;
      else lo = mid + 1;
    }
    return lo / 10;
  };
  const ok = (cpu: number, memory: number): boolean => fits(cpu, memory) !== false;
  let cpu = smallest((r) => ok(r, 10));
  if (cpu === null) return { cpu: null, memory: null, failover: null };
  const memory = smallest((r) => ok(cpu!, r));
  if (memory === null) return { cpu, memory: null, failover: null };
  cpu = smallest((r) => ok(r, memory)) ?? cpu;
  // The searches only ever settle on a pair they saw succeed, so this re-run succeeds too.
  const final = fits(cpu, memory);
  return { cpu, memory, failover: final === false ? null : final };
}
