// Snapshot of a large site (issue 20: "a 5 000-machine site snapshots in under 30 s on the simulators"):
// `takeSiteSnapshot` of the MAAS simulator's large site (VM hosts + 5 000 machines, over real HTTP with
// OAuth) and a Juju simulator's model, next to the inventory read of the same site in the same run (the
// baseline: the same seven lists, without the per-machine node-device reads and the Juju part).
// Not a test: nothing here asserts on time.
import { JujuClient } from '@edgekit/juju-client';
import { startJujuSim } from '@edgekit/juju-sim';
import { MaasClient } from '@edgekit/maas-client';
import { startMaasSim } from '@edgekit/maas-sim';
import { takeInventory, takeSiteSnapshot } from '../src/index.js';

const HOSTS = 100;
const MACHINES = 5_000;
const RUNS = 3;
const TARGET_SECONDS = 30;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const maasSim = await startMaasSim({ site: { large: { hosts: HOSTS, machines: MACHINES } }, seed: 1 });
const jujuSim = await startJujuSim({ maas: { url: maasSim.url, apiKey: maasSim.apiKey } });
const maas = new MaasClient({ url: maasSim.url, apiKey: maasSim.apiKey });
const juju = await JujuClient.connect(jujuSim.modelLogin());
try {
  const snapshotMs: number[] = [];
  const inventoryMs: number[] = [];
  let machines = 0;
  let bytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    let start = performance.now();
    await takeInventory(maas);
    inventoryMs.push(performance.now() - start);
    start = performance.now();
    const snapshot = await takeSiteSnapshot(maas, juju);
    snapshotMs.push(performance.now() - start);
    machines = snapshot.maas.machines.length;
    bytes = JSON.stringify(snapshot).length;
  }
  const snap = median(snapshotMs);
  const inv = median(inventoryMs);
  console.log(
    `site snapshot, ${machines} machines on ${HOSTS} VM hosts + Juju model (${(bytes / 1e6).toFixed(1)} MB as JSON), ${RUNS} runs: median ${seconds(snap)} (target < ${TARGET_SECONDS} s)`,
  );
  console.log(
    `inventory read of the same site (baseline): median ${seconds(inv)}; snapshot/inventory ${(snap / inv).toFixed(2)}x`,
  );
} finally {
  await juju.close();
  await jujuSim.close();
  await maasSim.close();
}
