import { describe, expect, it } from 'vitest';
import { PlacementInputError, packVectors } from '../src/index.js';
import { packingViolations } from './support/placement-checker.js';
import { loadVbpInstances } from './support/placement-fixtures.js';

describe('packVectors', () => {
  it('packs a small 2-D instance validly and reports bound, gap and utilisation', () => {
    const binCapacity = [10, 10];
    const items = [
      [6, 2],
      [4, 8],
      [5, 5],
      [5, 5],
      [3, 3],
      [7, 7],
    ];
    const result = packVectors({ binCapacity, items, maxIterations: 2000, timeLimitMs: 60_000 });
    expect(packingViolations(binCapacity, items, result.bins)).toEqual([]);
    expect(result.bins.length).toBeGreaterThanOrEqual(result.lowerBound.value);
    // [6,2]+[4,8] | [5,5]+[5,5] | [7,7]+[3,3]: three full bins, and L1 = 30/10 = 3 proves it.
    expect(result.bins.length).toBe(3);
    expect(result.provenOptimal).toBe(true);
    expect(result.lowerBound).toMatchObject({ value: 3, rule: 'L1' });
    expect(result.stats.utilisation).toEqual([1, 1]);
  });

  it('keeps conflicting items apart even when they would fit together', () => {
    const binCapacity = [10];
    const items = [[1], [1], [1], [1]];
    const conflicts: [number, number][] = [
      [0, 1],
      [1, 2],
      [0, 2],
    ];
    const result = packVectors({ binCapacity, items, conflicts, maxIterations: 1000, timeLimitMs: 60_000 });
    expect(packingViolations(binCapacity, items, result.bins, conflicts)).toEqual([]);
    expect(result.bins.length).toBe(3);
    expect(result.lowerBound).toMatchObject({ value: 3, rule: 'clique' });
  });

  it('uses the Martello-Toth L2 bound where L1 is weak (large items)', () => {
    // Three items of 6 on capacity 10: L1 = ceil(18/10) = 2, but no two share a bin: L2 = 3.
    const result = packVectors({ binCapacity: [10], items: [[6], [6], [6]], maxIterations: 10 });
    expect(result.lowerBound.value).toBe(3);
    expect(result.lowerBound.rule).not.toBe('L1');
    expect(result.provenOptimal).toBe(true);
  });

  it('rejects bad input with a typed error naming the field', () => {
    expect(() => packVectors({ binCapacity: [10, 10], items: [[1, 2, 3]] })).toThrow(PlacementInputError);
    expect(() => packVectors({ binCapacity: [10], items: [[11]] })).toThrow(/items\.0\.0/);
    expect(() => packVectors({ binCapacity: [10], items: [[1]], conflicts: [[0, 5]] })).toThrow(
      /conflicts\.0/,
    );
    expect(() => packVectors({ binCapacity: [-1], items: [] })).toThrow(/binCapacity\[0\]/);
  });

  it('gives the same answer for the same seed and effort budget', () => {
    const [inst] = loadVbpInstances(/SPIEKSMA06_50_03$/);
    const run = () =>
      packVectors({
        binCapacity: inst!.capacity,
        items: inst!.items,
        seed: 7,
        maxIterations: 3000,
        timeLimitMs: 600_000,
      });
    const a = run();
    const b = run();
    expect(a.bins).toEqual(b.bins);
    expect(a.stats.iterations).toBe(b.stats.iterations);
    expect(a.stats.iterations).toBeGreaterThan(0);
  });

  it('reaches the proven optimum with the greedies alone where the docs say greedy does (2-D classes 2, 3, 5, 8)', () => {
    // placement.md §4.1: the best of seven greedies is 0.0 % above OPT on these classes.
    const instances = loadVbpInstances(/SPIEKSMA0[2358]_/).filter((inst) => inst.opt !== null);
    expect(instances.length).toBe(120);
    const missed = instances.filter((inst) => {
      const result = packVectors({ binCapacity: inst.capacity, items: inst.items, maxIterations: 0 });
      expect(packingViolations(inst.capacity, inst.items, result.bins)).toEqual([]);
      return result.bins.length !== inst.opt;
    });
    expect(missed.map((inst) => inst.file)).toEqual([]);
  }, 60_000);

  it('the search closes greedy gaps on small proven instances (2-D classes 4 and 10, n = 24-25)', () => {
    const instances = loadVbpInstances(/SPIEKSMA(04_25|10_24)_/).filter((inst) => inst.opt !== null);
    let greedyMisses = 0;
    for (const inst of instances) {
      const result = packVectors({
        binCapacity: inst.capacity,
        items: inst.items,
        maxIterations: 20_000,
        timeLimitMs: 600_000,
      });
      if (result.stats.greedyBins > inst.opt!) greedyMisses++;
      expect(result.bins.length).toBe(inst.opt);
    }
    expect(greedyMisses).toBeGreaterThan(0);
  }, 60_000);
});
