// FullStatus and AllWatcher snapshot cost on a deployed Charmed Kubernetes model, as ratios against a
// Pinger.Ping round trip measured in the same run over the same TLS connection. Bounded: a few seconds.
import { readFileSync } from 'node:fs';
import { startMaasSim } from '@edgekit/maas-sim';
import { startJujuSim } from '../src/index.js';
import { deployBundle } from '../test/support/deploy-bundle.js';
import { allUnits, waitForStatus } from '../test/support/env.js';
import { jujuFixture } from '../test/support/fixtures.js';
import { WireClient } from '../test/support/wire.js';

const ROUNDS = 200;

async function timeIt(label: string, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) await run();
  const perCallUs = Number(process.hrtime.bigint() - start) / 1000 / ROUNDS;
  console.log(`${label.padEnd(34)} ${perCallUs.toFixed(1).padStart(9)} µs/call`);
  return perCallUs;
}

const maas = await startMaasSim({ timeScale: 5000, seed: 7 });
const sim = await startJujuSim({ maas: { url: maas.url, apiKey: maas.apiKey }, timeScale: 5000 });
const model = sim.models.find((m) => m.name === 'default')!;
const client = await WireClient.connect(model.url, sim.caCert);
await client.login(sim.user, sim.password);

const deployStart = performance.now();
await deployBundle(
  client,
  model.uuid,
  readFileSync(jujuFixture('bundles', 'charmed-kubernetes-1.35.bundle.yaml'), 'utf8'),
);
await waitForStatus(client, (s) => {
  const units = allUnits(s);
  return units.length === 20 && units.every(([, u]) => u['workload-status'].status === 'active');
});
console.log(
  `CK 1.35 bundle to all 20 units active (timeScale 5000): ${(performance.now() - deployStart).toFixed(0)} ms`,
);

const ping = await timeIt('baseline Pinger.Ping', () => client.ok('Pinger', 1, 'Ping'));
const status = await timeIt('Client.FullStatus (10 machines)', () =>
  client.ok('Client', 8, 'FullStatus', { patterns: [] }),
);
const snapshot = await timeIt('WatchAll + first Next + Stop', async () => {
  const { 'watcher-id': id } = await client.ok('Client', 8, 'WatchAll');
  await client.ok('AllWatcher', 3, 'Next', {}, id);
  await client.ok('AllWatcher', 3, 'Stop', {}, id);
});
console.log(`ratio FullStatus / Ping:          ${(status / ping).toFixed(2)}x`);
console.log(`ratio watcher snapshot / Ping:    ${(snapshot / ping).toFixed(2)}x`);

client.close();
await sim.close();
await maas.close();
