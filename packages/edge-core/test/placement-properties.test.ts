import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type HostInput,
  type PlacementProblemInput,
  packVectors,
  packVectorsExact,
  solvePlacement,
  type VmRequestInput,
} from '../src/index.js';
import { bruteForceBins } from './support/brute-force-bins.js';
import { packingViolations } from './support/placement-checker.js';
import { placementViolations } from './support/placement-model-checker.js';

const vectorInstance = (maxItems: number) =>
  fc
    .record({
      d: fc.integer({ min: 1, max: 3 }),
      cap: fc.integer({ min: 10, max: 60 }),
      n: fc.integer({ min: 0, max: maxItems }),
      seed: fc.integer({ min: 0, max: 1000 }),
    })
    .chain(({ d, cap, n, seed }) =>
      fc.record({
        binCapacity: fc.constant(Array.from({ length: d }, () => cap)),
        items: fc.array(fc.array(fc.integer({ min: 0, max: cap }), { minLength: d, maxLength: d }), {
          minLength: n,
          maxLength: n,
        }),
        conflicts:
          n < 2
            ? fc.constant([] as [number, number][])
            : fc.array(
                fc
                  .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))
                  .filter(([a, b]) => a !== b),
                { maxLength: 4 },
              ),
        seed: fc.constant(seed),
      }),
    );

const budget = { maxIterations: 300, timeLimitMs: 600_000 } as const;

describe('packVectors properties', () => {
  it('every packing is valid, the bound never exceeds it, and the seed fixes the answer', () => {
    fc.assert(
      fc.property(vectorInstance(30), (inst) => {
        const a = packVectors({ ...inst, ...budget });
        expect(packingViolations(inst.binCapacity, inst.items, a.bins, inst.conflicts)).toEqual([]);
        expect(a.lowerBound.value).toBeLessThanOrEqual(a.bins.length);
        expect(a.provenOptimal).toBe(a.lowerBound.value === a.bins.length);
        const b = packVectors({ ...inst, ...budget });
        expect(b.bins).toEqual(a.bins);
      }),
      { numRuns: 150, seed: 20261125 },
    );
  }, 60_000);

  it('the bound is at most and the heuristic at least the brute-force optimum on tiny instances', () => {
    fc.assert(
      fc.property(vectorInstance(7), (inst) => {
        const optimum = bruteForceBins(inst.binCapacity, inst.items, inst.conflicts);
        const r = packVectors({ ...inst, ...budget });
        expect(r.lowerBound.value).toBeLessThanOrEqual(optimum);
        expect(r.bins.length).toBeGreaterThanOrEqual(optimum);
      }),
      { numRuns: 200, seed: 7 },
    );
  }, 60_000);

  it('exact mode (HiGHS) agrees with brute force on tiny instances', async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(vectorInstance(7), async (inst) => {
        const optimum = bruteForceBins(inst.binCapacity, inst.items, inst.conflicts);
        // maxIterations 0: no search, so the MIP, not the heuristic, has to close most instances
        const r = await packVectorsExact({ ...inst, maxIterations: 0 }, { exactTimeLimitMs: 60_000 });
        outcomes.set(r.exact, (outcomes.get(r.exact) ?? 0) + 1);
        expect(r.bins.length).toBe(optimum);
        expect(r.provenOptimal).toBe(true);
        expect(packingViolations(inst.binCapacity, inst.items, r.bins, inst.conflicts)).toEqual([]);
      }),
      { numRuns: 40, seed: 11 },
    );
    // the MIP itself, not only the heuristic, must have answered some of them
    expect(outcomes.get('optimal') ?? 0).toBeGreaterThan(0);
  }, 60_000);
});

const zones = ['edge-a', 'edge-b', 'edge-c'];
const hostArb: fc.Arbitrary<HostInput> = fc.record({
  name: fc.constant('h'),
  zone: fc.constantFrom(...zones),
  cores: fc.integer({ min: 2, max: 16 }),
  memory: fc.integer({ min: 4, max: 32 }).map((g) => g * 1024),
  hugepages: fc.constantFrom(0, 4096),
  cpuOverCommitRatio: fc.constantFrom(1, 1.5, 2, 4),
  memoryOverCommitRatio: fc.constantFrom(1, 1.25),
  used: fc.record({ cores: fc.integer({ min: 0, max: 4 }), memory: fc.constantFrom(0, 1024) }),
  other: fc.record({ cores: fc.integer({ min: 0, max: 4 }), memory: fc.constantFrom(0, 2048) }),
  storagePools: fc.constant([{ name: 'default', free: 60 * 2 ** 30, default: true }]),
  gpus: fc.constantFrom([], [{ model: 't4', count: 1 }]),
  tags: fc.constantFrom([], ['ssd']),
});

const vmArb: fc.Arbitrary<VmRequestInput> = fc.record(
  {
    name: fc.constant('vm'),
    count: fc.integer({ min: 1, max: 4 }),
    cores: fc.integer({ min: 1, max: 4 }),
    memory: fc.integer({ min: 1, max: 8 }).map((g) => g * 1024),
    hugepages: fc.boolean(),
    pinned: fc.boolean(),
    disks: fc.constant([{ size: 10 * 2 ** 30 }]),
    gpus: fc.constantFrom(undefined, { count: 1 }),
    zones: fc.constantFrom(undefined, ['edge-a', 'edge-b']),
    tags: fc.constantFrom([], ['ssd']),
    antiAffinity: fc.constantFrom(
      undefined,
      { group: 'g1', scope: 'host' as const, maxPerDomain: 1 },
      { group: 'g2', scope: 'zone' as const, maxPerDomain: 2 },
    ),
  },
  { requiredKeys: ['name', 'count', 'cores', 'memory'] },
);

const problemArb = fc
  .record({
    hosts: fc.array(hostArb, { minLength: 1, maxLength: 6 }),
    vms: fc.array(vmArb, { minLength: 1, maxLength: 6 }),
    objective: fc.constantFrom('pack' as const, 'spread' as const),
    admission: fc.constantFrom('server' as const, 'ui' as const),
  })
  .map(({ hosts, vms, objective, admission }) => {
    const problem: PlacementProblemInput = {
      hosts: hosts.map((h, i) => ({ ...h, name: `h${i}` })),
      // one scope per group, as the schema demands: name groups by their settings
      vms: vms.map((vm, i) => ({ ...vm, name: `vm${i}` })),
    };
    return { problem, objective, admission };
  });

/** Identical hosts (the sizing case, where pack goes through the vector packer) with some zone spread. */
const identicalProblemArb = fc
  .record({
    host: hostArb,
    hostCount: fc.integer({ min: 1, max: 8 }),
    vms: fc.array(
      vmArb.map((vm) => ({ ...vm, zones: undefined, tags: [], gpus: undefined })),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
  })
  .map(({ host, hostCount, vms }) => ({
    problem: {
      hosts: Array.from({ length: hostCount }, (_, i) => ({ ...host, name: `h${i}`, zone: zones[i % 3]! })),
      vms: vms.map((vm, i) => ({ ...vm, name: `vm${i}` })),
    } satisfies PlacementProblemInput,
    objective: 'pack' as const,
    admission: 'server' as const,
  }));

describe('solvePlacement properties', () => {
  it('every placement satisfies every capacity and constraint, checked independently; same seed, same answer', () => {
    fc.assert(
      fc.property(fc.oneof(problemArb, identicalProblemArb), ({ problem, objective, admission }) => {
        const options = { objective, admission, seed: 3, ...budget };
        const r = solvePlacement(problem, options);
        expect(placementViolations(problem, r, admission)).toEqual([]);
        for (const u of r.unplaced) {
          expect(u.message.startsWith(`${u.vm}: `)).toBe(true);
          expect(u.suggestions.length).toBeGreaterThan(0);
        }
        if (r.feasible && objective === 'pack') expect(r.lowerBound.value).toBeLessThanOrEqual(r.hostsUsed);
        expect(solvePlacement(problem, options).placements).toEqual(r.placements);
      }),
      { numRuns: 250, seed: 42 },
    );
  }, 60_000);
});
