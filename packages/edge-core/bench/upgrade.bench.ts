// In-place upgrade wall time (Charmed Kubernetes 1.35 -> 1.36, the CK bundle as it is: 3 etcd, 2 control
// plane, 3 workers) against the critical path of the Juju simulator's configured durations.
// Target: wall <= 1.2 x critical path.
//
// Critical path, in simulated time: the upgrade is sequential by design (one unit out at a time), so it
// is the sum over the plan's steps of what the simulator makes each one take: a refresh runs the
// upgrade-charm hook on every unit of the application side by side; an action waits in the queue,
// then runs for its declared duration. Everything else (API round trips, status polls, the safety
// check before each step) is the executor's own overhead.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '@edgekit/fixtures';
import { allUnitsActiveIdle, JujuClient } from '@edgekit/juju-client';
import { startJujuSim } from '@edgekit/juju-sim';
import { startMaasSim } from '@edgekit/maas-sim';
import { applyUpgrade, planUpgrade, type UpgradeStep, upgradeJujuFromClient } from '../src/index.js';

/**
 * The Juju simulator's durations (ms of simulated time) as configured in packages/juju-sim
 * (src/model/timings.ts and the actions of src/charms/catalogue.ts; the package does not export them).
 */
const JUJU_MS = {
  upgradeCharm: 30_000,
  /** An action waits this long in the queue before it runs (TIMINGS.action / 5). */
  actionQueue: 1_000,
  action: { snapshot: 20_000, pause: 30_000, upgrade: 90_000, resume: 10_000 },
};

const stepSimMs = (step: UpgradeStep): number => {
  if (step.kind === 'refresh') return JUJU_MS.upgradeCharm;
  if (step.kind === 'action') return JUJU_MS.actionQueue + JUJU_MS.action[step.action];
  throw new Error(`the bench plans in place; ${step.kind} is a blue-green step`);
};

const TIME_SCALE = Number(process.env.EDGEKIT_BENCH_TIMESCALE ?? 75);
const RUNS = 2;
const bundle = readFileSync(fixturePath('juju', 'bundles', 'charmed-kubernetes-1.35.bundle.yaml'), 'utf8');

async function once(run: number): Promise<{ wall: number; criticalMs: number; steps: number }> {
  const maasSim = await startMaasSim({ site: 'demo', timeScale: TIME_SCALE, seed: run });
  const jujuSim = await startJujuSim({
    maas: { url: maasSim.url, apiKey: maasSim.apiKey },
    timeScale: TIME_SCALE,
    seed: run,
  });
  const client = await JujuClient.connect(jujuSim.modelLogin());
  try {
    await client.deployBundle(bundle);
    const watcher = client.watchModel({ pollIntervalMs: 10 });
    await watcher.waitFor(allUnitsActiveIdle);
    await watcher.stop();
    const juju = upgradeJujuFromClient(client);
    const planned = await planUpgrade(juju, { to: '1.36' });
    if (planned.upToDate) throw new Error('expected an upgrade plan');
    const criticalMs = planned.plan.steps.reduce((sum, step) => sum + stepSimMs(step), 0) / TIME_SCALE;
    const journalPath = join(mkdtempSync(join(tmpdir(), 'edgekit-upgrade-bench-')), 'journal.jsonl');
    const started = performance.now();
    await applyUpgrade({ plan: planned.plan, juju, journalPath, pollMs: 50 });
    return { wall: performance.now() - started, criticalMs, steps: planned.plan.steps.length };
  } finally {
    await client.close();
    await jujuSim.close();
    await maasSim.close();
  }
}

console.log(`upgrade bench: CK 1.35 -> 1.36 in place (CK bundle), Juju simulator at timeScale ${TIME_SCALE}`);
const ratios: number[] = [];
for (let run = 1; run <= RUNS; run += 1) {
  const { wall, criticalMs, steps } = await once(run);
  ratios.push(wall / criticalMs);
  console.log(
    `  run ${run}  ${steps} steps  critical path ${(criticalMs / 1000).toFixed(2)} s  wall ${(wall / 1000).toFixed(2)} s  ratio ${(wall / criticalMs).toFixed(3)}x`,
  );
}
const ratio = ratios.reduce((a, b) => a + b, 0) / ratios.length;
console.log(
  `  ratio (mean)   ${ratio.toFixed(3)}x critical path  target <= 1.2x  ${ratio <= 1.2 ? 'MET' : 'NOT MET'}`,
);
