import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  columnGenerationBound,
  combinatorialBounds,
  loadLpSolver,
  packVectors,
  packVectorsExact,
  solvePlacement,
} from '../src/index.js';
import { firstFit } from '../src/placement/greedy.js';
import { buildInstance } from '../src/placement/vectors.js';
import { bruteForceBins } from './support/brute-force-bins.js';
import { packingViolations } from './support/placement-checker.js';

const instanceArb = (maxItems: number, withConflicts: boolean) =>
  fc
    .record({
      d: fc.integer({ min: 1, max: 3 }),
      caps: fc.array(fc.integer({ min: 10, max: 60 }), { minLength: 3, maxLength: 3 }),
      n: fc.integer({ min: 1, max: maxItems }),
    })
    .chain(({ d, caps, n }) =>
      fc.record({
        binCapacity: fc.constant(caps.slice(0, d)),
        // sizes as a share of each capacity, so every item fits a bin on its own
        items: fc.array(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
          { minLength: n, maxLength: n },
        ),
        conflicts:
          !withConflicts || n < 2
            ? fc.constant([] as [number, number][])
            : fc.array(
                fc
                  .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))
                  .filter(([a, b]) => a !== b),
                { maxLength: 4 },
              ),
      }),
    )
    .map(({ binCapacity, items, conflicts }) => ({
      binCapacity,
      items: items.map((row) => row.map((share, k) => Math.floor(share * binCapacity[k]!))),
      conflicts,
    }));

type Instance = { binCapacity: number[]; items: number[][]; conflicts: [number, number][] };

/** The LP bound run to convergence (no deadline, no round cap): the result cannot depend on machine speed. */
async function convergedLpBound(inst: Instance) {
  const solver = await loadLpSolver();
  const v = buildInstance(inst.binCapacity, inst.items, inst.conflicts);
  const start = firstFit(v, v.u.length === 0 ? [] : Array.from({ length: v.n }, (_, i) => i)).snapshot();
  return columnGenerationBound(v, start, Number.POSITIVE_INFINITY, solver, {
    deadline: Number.POSITIVE_INFINITY,
    now: () => 0,
  });
}

describe('lower bounds', () => {
  it('every combinatorial bound is at most the brute-force optimum', () => {
    fc.assert(
      fc.property(instanceArb(8, true), (inst) => {
        const optimum = bruteForceBins(inst.binCapacity, inst.items, inst.conflicts);
        const v = buildInstance(inst.binCapacity, inst.items, inst.conflicts);
        for (const bound of combinatorialBounds(v, inst.binCapacity)) {
          expect(bound.value, `${bound.rule}: ${bound.detail}`).toBeLessThanOrEqual(optimum);
        }
      }),
      { numRuns: 300, seed: 19 },
    );
  }, 60_000);

  it('the LP bound (converged) is at most the optimum and at least every combinatorial bound', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb(8, true), async (inst) => {
        const optimum = bruteForceBins(inst.binCapacity, inst.items, inst.conflicts);
        const lp = await convergedLpBound(inst);
        expect(lp.converged).toBe(true);
        expect(lp.bound!.value).toBeLessThanOrEqual(optimum);
        // the LP optimum itself (not only its ceiling) is at most the optimum
        expect(lp.lpValue!).toBeLessThanOrEqual(optimum + 1e-6);
        const v = buildInstance(inst.binCapacity, inst.items, inst.conflicts);
        for (const bound of combinatorialBounds(v, inst.binCapacity)) {
          expect(lp.bound!.value, `LP vs ${bound.rule}: ${bound.detail}`).toBeGreaterThanOrEqual(bound.value);
        }
      }),
      { numRuns: 150, seed: 1919 },
    );
  }, 120_000);

  it('on larger instances every bound is at most the optimum HiGHS proves (assignment MIP)', async () => {
    const lpSolver = await loadLpSolver();
    let proven = 0;
    await fc.assert(
      fc.asyncProperty(instanceArb(14, false), async (inst) => {
        const exact = await packVectorsExact(
          { ...inst, maxIterations: 0 },
          { exactTimeLimitMs: 600_000, maxItems: 20 },
        );
        if (exact.exact !== 'optimal' && exact.exact !== 'heuristic-was-optimal') return;
        proven++;
        const optimum = exact.bins.length;
        const r = packVectors({ ...inst, maxIterations: 200, timeLimitMs: 600_000 }, { lpSolver });
        expect(packingViolations(inst.binCapacity, inst.items, r.bins, inst.conflicts)).toEqual([]);
        for (const bound of r.stats.bounds) {
          expect(bound.value, `${bound.rule}: ${bound.detail}`).toBeLessThanOrEqual(optimum);
        }
        expect(r.provenOptimal).toBe(r.bins.length === r.lowerBound.value);
        const lp = await convergedLpBound(inst);
        expect(lp.bound!.value).toBeLessThanOrEqual(optimum);
        // no search at all: the greedy, the LP and the MIP over its columns (price and branch) must
        // still give a valid packing, never below the optimum
        const priced = packVectors({ ...inst, maxIterations: 0, timeLimitMs: 600_000 }, { lpSolver });
        expect(packingViolations(inst.binCapacity, inst.items, priced.bins, inst.conflicts)).toEqual([]);
        expect(priced.bins.length).toBeGreaterThanOrEqual(optimum);
      }),
      { numRuns: 40, seed: 2026 },
    );
    expect(proven).toBeGreaterThan(20);
  }, 300_000);

  it('cardinality: 99 items each above a third of the capacity summed over dimensions need 50 bins', () => {
    // class-8-like: w1 in [20, 100], w2 = 120 - w1 on 150 x 150 bins, so w1 + w2 = 120 > 300 / 3
    const items = Array.from({ length: 99 }, (_, i) => {
      const w1 = 20 + ((i * 37) % 81);
      return [w1, 120 - w1];
    });
    const r = packVectors({ binCapacity: [150, 150], items, maxIterations: 0, timeLimitMs: 600_000 });
    expect(r.lowerBound).toMatchObject({ value: 50, rule: 'cardinality' });
    expect(r.lowerBound.detail).toContain('summed over dimensions');
    expect(r.bins.length).toBe(50);
    expect(r.provenOptimal).toBe(true);
    expect(r.stats.gap).toBe(0);
  });

  it('with HiGHS the engine proves optimal what the combinatorial bounds cannot', async () => {
    const lpSolver = await loadLpSolver();
    // Found by a random search: L1, L2, clique and cardinality all say 4; the LP relaxation is 4.5.
    const binCapacity = [10, 10];
    const items = [
      [7, 7],
      [6, 4],
      [4, 2],
      [4, 3],
      [6, 4],
      [2, 7],
      [4, 4],
      [3, 4],
    ];
    expect(bruteForceBins(binCapacity, items)).toBe(5);
    const plain = packVectors({ binCapacity, items, maxIterations: 100, timeLimitMs: 600_000 });
    expect(plain.lowerBound.value).toBe(4);
    expect(plain.provenOptimal).toBe(false);
    const r = packVectors({ binCapacity, items, maxIterations: 100, timeLimitMs: 600_000 }, { lpSolver });
    expect(r.bins.length).toBe(5);
    expect(r.lowerBound).toMatchObject({ value: 5, rule: 'LP' });
    expect(r.provenOptimal).toBe(true);
    expect(r.stats.gap).toBe(0);
  });

  it('existing load: on hosts of different free capacity the vector bounds use the largest free host', () => {
    const host = (name: string, cores: number, usedCores: number) => ({
      name,
      cores,
      memory: 65536,
      used: { cores: usedCores, memory: 0 },
    });
    const r = solvePlacement(
      {
        // free cores 8, 8 and 6: any two of the 5-core VMs need 10 > 8, so each needs its own host
        hosts: [host('h1', 12, 4), host('h2', 8, 0), host('h3', 8, 2)],
        vms: [{ name: 'big', count: 3, cores: 5, memory: 2048, disks: [] }],
      },
      { maxIterations: 500, timeLimitMs: 600_000 },
    );
    expect(r.hostsUsed).toBe(3);
    expect(r.lowerBound.value).toBe(3);
    expect(r.lowerBound.detail).toContain('hosts no larger than the largest free one');
    expect(r.provenOptimal).toBe(true);
  });

  it('cores and memory must be covered by the same hosts (hosts of different shapes or load)', () => {
    // 2 hosts with cores to spare, 2 with memory (the rest of each already used): each resource alone is
    // covered by 2 hosts, but no 3 hosts cover both
    const host = (name: string, cores: number, memory: number, used: { cores: number; memory: number }) => ({
      name,
      cores,
      memory,
      used,
    });
    const r = solvePlacement(
      {
        hosts: [
          host('cpu1', 48, 16384, { cores: 16, memory: 8192 }),
          host('cpu2', 32, 8192, { cores: 0, memory: 0 }),
          host('mem1', 8, 524288, { cores: 6, memory: 262144 }),
          host('mem2', 2, 262144, { cores: 0, memory: 0 }),
        ],
        vms: [
          { name: 'cpu', count: 8, cores: 7, memory: 1024, disks: [] },
          { name: 'mem', count: 4, cores: 1, memory: 126976, disks: [] },
        ],
      },
      { maxIterations: 500, timeLimitMs: 600_000 },
    );
    expect(r.feasible).toBe(true);
    expect(r.hostsUsed).toBe(4);
    expect(r.lowerBound).toMatchObject({ value: 4, rule: 'L1' });
    expect(r.lowerBound.detail).toContain('cores and memory on the same hosts');
    expect(r.provenOptimal).toBe(true);
  });

  it('pins: VMs allowed only in disjoint host sets add up their hosts', () => {
    const host = (name: string, zone: string, cores: number) => ({ name, zone, cores, memory: 65536 });
    const r = solvePlacement(
      {
        hosts: [
          host('a1', 'edge-a', 4),
          host('a2', 'edge-a', 4),
          host('b1', 'edge-b', 16),
          host('b2', 'edge-b', 16),
        ],
        vms: [
          { name: 'a', count: 4, cores: 2, memory: 2048, disks: [], zones: ['edge-a'] },
          { name: 'b', count: 2, cores: 2, memory: 2048, disks: [], zones: ['edge-b'] },
        ],
      },
      { maxIterations: 500, timeLimitMs: 600_000 },
    );
    // 12 cores fit one 16-core host by capacity alone, but edge-a's VMs need both 4-core edge-a hosts
    expect(r.feasible).toBe(true);
    expect(r.hostsUsed).toBe(3);
    expect(r.lowerBound).toMatchObject({ value: 3, rule: 'pins' });
    expect(r.provenOptimal).toBe(true);
  });

  it('price and branch: the MIP over the LP columns finds the perfect packing of triplets no greedy finds', async () => {
    const lpSolver = await loadLpSolver();
    // Caprara-Toth class 10 shape: per dimension a, b in [25, 50] and c = 100 - a - b, so 3 items fill a bin
    let state = 10;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const items: number[][] = [];
    for (let t = 0; t < 12; t++) {
      const a = [0, 1].map(() => 25 + Math.floor(next() * 26));
      const b = [0, 1].map(() => 25 + Math.floor(next() * 26));
      items.push(a, b, [100 - a[0]! - b[0]!, 100 - a[1]! - b[1]!]);
    }
    const input = { binCapacity: [100, 100], items, maxIterations: 0, timeLimitMs: 600_000 };
    expect(packVectors(input).bins.length).toBeGreaterThan(12);
    const r = packVectors(input, { lpSolver });
    expect(packingViolations([100, 100], items, r.bins)).toEqual([]);
    expect(r.stats.lp?.columnPackingBins).toBe(12);
    expect(r.bins.length).toBe(12);
    expect(r.provenOptimal).toBe(true);
  });
});
