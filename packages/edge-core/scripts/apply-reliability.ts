// The long reliability run: many apply processes SIGKILLed at random journal points, half of them
// on simulators that also inject faults (409/503 with Retry-After, resets, truncated answers, dropped
// WebSockets, `try again`), each re-run to completion and checked for duplicates and orphans.
//
//   pnpm exec tsx --conditions=@edgekit/source scripts/apply-reliability.ts [runs] [seed]

import { crashRuns } from '../test/support/apply-crash-harness.js';
import type { SiteOptions } from '../test/support/apply-helpers.js';

const runs = Number(process.argv[2] ?? 40);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);

const faulty: SiteOptions = {
  maasRetry: { retries: 4, maxRetryAfterMs: 20, backoff: { initialMs: 5, maxMs: 40 } },
  maas: {
    faults: {
      rules: [
        { method: 'POST', op: 'compose', kind: 'truncate', probability: 0.15 },
        { method: 'POST', op: 'compose', kind: 'conflict-retry', probability: 0.1 },
        { method: 'POST', op: 'update_nodes', kind: 'reset', probability: 0.1 },
        { method: 'GET', path: '/machines/', kind: 'reset', probability: 0.05 },
      ],
    },
  },
  jujuFaults: { dropConnectionRate: 0.02, tryAgainRate: 0.03 },
};

console.log(`apply reliability: ${runs} SIGKILL runs, seed ${seed} (odd runs with injected faults)`);
const started = performance.now();
const results = await crashRuns(runs, seed, {
  siteOptions: (run) => (run % 2 === 1 ? faulty : {}),
  onResult: (r) =>
    console.log(
      `  run ${String(r.run).padStart(3)} ${r.run % 2 === 1 ? 'faults' : 'clean '} kill after intent ${String(r.killAfter).padStart(2)} -> ${r.first.padEnd(8)} ${r.problems.length === 0 ? 'consistent' : `PROBLEMS: ${r.problems.join('; ')}`}`,
    ),
});
const failed = results.filter((r) => r.problems.length > 0);
const killed = results.filter((r) => r.first === 'killed').length;
console.log(
  `${results.length} runs, ${killed} killed mid-apply, ${failed.length} inconsistent, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
