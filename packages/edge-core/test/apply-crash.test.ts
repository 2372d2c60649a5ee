import { describe, expect, it } from 'vitest';
import { crashRuns } from './apply-crash-harness.js';

const RUNS = 10;
const seed = Number(process.env.EDGEKIT_CRASH_SEED ?? 20261125);

describe('apply killed with SIGKILL at random points', () => {
  it(`converges on re-run with no duplicate and no orphan, ${RUNS} runs (seed ${seed})`, async () => {
    const results = await crashRuns(RUNS, seed);
    expect(results).toHaveLength(RUNS);
    for (const result of results) {
      expect(result.problems, `run ${result.run} (kill after intent ${result.killAfter})`).toEqual([]);
    }
    // Nearly every run must really be cut short (a kill point past the last intent lets one finish).
    expect(results.filter((r) => r.first === 'killed').length).toBeGreaterThanOrEqual(RUNS - 2);
  }, 170_000);
});
