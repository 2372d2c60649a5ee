// Apply wall time for a 10-VM plan (the Charmed Kubernetes 1.35 bundle as it is: 10 machines) against
// the critical path of the simulators' configured latencies. Target: wall ≤ 1.2 × critical path.
//
// Critical path, in simulated time: MAAS commissioning + testing (compose → Ready), MAAS deploying
// (Juju's allocate → Deployed), Juju's machine agent start, unit install and start, then one
// relation-changed hook per level of the readiness chain (a unit turns active only once the units it
// needs are active: easyrsa → etcd → calico → control plane → worker in the CK bundle). Every VM runs
// its chain side by side, so that is the plan's critical path; the rest (API round trips, polling,
// waiting on the slowest of a batch) is apply's own overhead.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '@edgekit/fixtures';
import { JujuClient } from '@edgekit/juju-client';
import { startJujuSim } from '@edgekit/juju-sim';
import { MaasClient } from '@edgekit/maas-client';
import { PHASE_MS, startMaasSim } from '@edgekit/maas-sim';
import { jujuApiFromClient } from '../src/apply/juju-adapter.js';
import { applyPlan, planWorkload, takeInventory, workloadFromBundle } from '../src/index.js';

/**
 * The Juju simulator's hook and agent durations (ms of simulated time) and the relation endpoints each
 * charm waits on before it turns active, as configured in packages/juju-sim/src/model/timings.ts and
 * src/charms/catalogue.ts (the package does not export them).
 */
const JUJU_MS = { machineAgentStart: 15_000, install: 45_000, start: 10_000, configure: 20_000 };
const NEEDS: Record<string, string[]> = {
  easyrsa: [],
  etcd: ['certificates'],
  'kubeapi-load-balancer': ['certificates'],
  'kubernetes-control-plane': ['etcd', 'certificates', 'cni'],
  'kubernetes-worker': ['kube-control', 'certificates', 'container-runtime'],
  calico: ['etcd'],
  containerd: [],
};

/** Levels of the readiness chain: an application's level is one more than the highest it waits on. */
function readinessLevels(relations: string[][]): number {
  const level = new Map<string, number>();
  const visit = (app: string, seen: Set<string>): number => {
    const known = level.get(app);
    if (known !== undefined) return known;
    if (seen.has(app)) throw new Error(`readiness cycle at ${app}`);
    seen.add(app);
    let deepest = 0;
    for (const endpoint of NEEDS[app] ?? []) {
      for (const [a = '', b = ''] of relations) {
        const [appA, epA] = a.split(':');
        const [appB, epB] = b.split(':');
        if (appA === app && epA === endpoint && appB) deepest = Math.max(deepest, visit(appB, seen));
        if (appB === app && epB === endpoint && appA) deepest = Math.max(deepest, visit(appA, seen));
      }
    }
    level.set(app, deepest + 1);
    return deepest + 1;
  };
  return Math.max(...Object.keys(NEEDS).map((app) => visit(app, new Set())));
}

const TIME_SCALE = Number(process.env.EDGEKIT_BENCH_TIMESCALE ?? 75);
const RUNS = 2;

const bundle = readFileSync(fixturePath('juju', 'bundles', 'charmed-kubernetes-1.35.bundle.yaml'), 'utf8');
const levels = readinessLevels(workloadFromBundle([bundle]).relations.map((pair) => [...pair]));
const criticalSimMs =
  PHASE_MS.commissioning +
  PHASE_MS.testing +
  PHASE_MS.deploying +
  JUJU_MS.machineAgentStart +
  JUJU_MS.install +
  JUJU_MS.start +
  levels * JUJU_MS.configure;
const criticalMs = criticalSimMs / TIME_SCALE;

async function once(run: number): Promise<number> {
  const maasSim = await startMaasSim({ site: 'demo', timeScale: TIME_SCALE, seed: run });
  const jujuSim = await startJujuSim({
    maas: { url: maasSim.url, apiKey: maasSim.apiKey },
    timeScale: TIME_SCALE,
    seed: run,
  });
  const login = jujuSim.modelLogin();
  const client = await JujuClient.connect(login);
  try {
    const maas = new MaasClient({ url: maasSim.url, apiKey: maasSim.apiKey });
    const inventory = await takeInventory(maas);
    const plan = planWorkload({
      inventory,
      workload: workloadFromBundle([bundle]),
      objective: 'spread',
      timeLimitMs: 200,
      id: `bench${run}`,
    });
    if (plan.outputs.compose.length !== 10)
      throw new Error(`expected a 10-VM plan, got ${plan.outputs.compose.length}`);
    const journalPath = join(mkdtempSync(join(tmpdir(), 'edgekit-bench-')), 'journal.jsonl');
    const started = performance.now();
    await applyPlan({
      plan,
      maas,
      juju: jujuApiFromClient(client, login.modelUUID),
      journalPath,
      pollIntervalMs: 50,
      concurrency: 4,
    });
    return performance.now() - started;
  } finally {
    await client.close();
    await jujuSim.close();
    await maasSim.close();
  }
}

console.log(`apply bench: 10-VM plan (CK 1.35 bundle), simulators at timeScale ${TIME_SCALE}`);
console.log(
  `  critical path  ${(criticalMs / 1000).toFixed(2)} s  (${criticalSimMs / 1000} s simulated: MAAS commission+test+deploy, Juju agent+install+start, ${levels} readiness levels x configure)`,
);
const walls: number[] = [];
for (let run = 1; run <= RUNS; run += 1) {
  const wall = await once(run);
  walls.push(wall);
  console.log(
    `  run ${run}          ${(wall / 1000).toFixed(2)} s  ratio ${(wall / criticalMs).toFixed(3)}x`,
  );
}
const best = Math.min(...walls);
const mean = walls.reduce((a, b) => a + b, 0) / walls.length;
const ratio = mean / criticalMs;
console.log(`  apply wall     best ${(best / 1000).toFixed(2)} s, mean ${(mean / 1000).toFixed(2)} s`);
console.log(
  `  ratio (mean)   ${ratio.toFixed(3)}x critical path  target <= 1.2x  ${ratio <= 1.2 ? 'MET' : 'NOT MET'}`,
);
