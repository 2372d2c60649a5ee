// Drain and heal SIGKILLed at seeded points of their journals, then run again from the same plan and
// journal: they converge with no duplicate VM, Juju machine or unit (EDGEKIT_CRASH_SEED replays a run).
import { describe, expect, it } from 'vitest';
import { day2CrashRuns } from './support/day2-crash.js';

const RUNS = 10;
const seed = Number(process.env.EDGEKIT_CRASH_SEED ?? 20261205);

describe.each([
  // Draining the demo's control-plane host journals 10 intents (tag the host; for its one VM: compose,
  // 2 tags, AddMachines, 2 units, DestroyUnit, DestroyMachine, decompose); healing it 8 (no host tag,
  // no decompose): kill anywhere in that range.
  { mode: 'drain' as const, maxIntent: 9 },
  { mode: 'heal' as const, maxIntent: 7 },
])('$mode killed with SIGKILL at seeded points', ({ mode, maxIntent }) => {
  it(`converges on re-run with no duplicate, ${RUNS} runs (seed ${seed})`, async () => {
    const results = await day2CrashRuns(mode, RUNS, seed, maxIntent);
    expect(results).toHaveLength(RUNS);
    for (const r of results)
      expect(r.problems, `${mode} run ${r.run} (kill after intent ${r.killAfter})`).toEqual([]);
    // Nearly every run is really cut short (a kill point past the last intent lets one finish).
    expect(results.filter((r) => r.first === 'killed').length).toBeGreaterThanOrEqual(RUNS - 2);
  }, 240_000);
});
