// A consumer of the published packages, compiled with strict TypeScript (nodenext, skipLibCheck false)
// in a project outside the workspace: both simulators, both SDKs and the placement engine, end to end.
import { presets, sizeFleet, takeInventory } from '@edgekit/edge-core';
import { allUnitsActiveIdle, connectFromJujuData } from '@edgekit/juju-client';
import { startJujuSim } from '@edgekit/juju-sim';
import { MaasClient, MaasNotFoundError } from '@edgekit/maas-client';
import { startMaasSim } from '@edgekit/maas-sim';

const jujuDataDir = process.argv[2];
if (!jujuDataDir) throw new Error('usage: main.js JUJU_DATA_DIR');

const maasSim = await startMaasSim({ timeScale: 600, seed: 1 });
const jujuSim = await startJujuSim({
  maas: { url: maasSim.url, apiKey: maasSim.apiKey },
  timeScale: 600,
  jujuDataDir,
});
try {
  const maas = new MaasClient({ url: maasSim.url, apiKey: maasSim.apiKey });
  const inventory = await takeInventory(maas);
  let missing = '';
  try {
    await maas.machines.read('no-such-machine');
  } catch (error) {
    if (error instanceof MaasNotFoundError) missing = error.name;
  }
  const sizing = sizeFleet({
    profile: { cores: 32, memory: 131_072, cpuOverCommitRatio: 4 },
    workload: presets['charmed-kubernetes-ha-edge']?.vms ?? [],
    zones: ['edge-a', 'edge-b', 'edge-c'],
    maxIterations: 2000,
  });
  const juju = await connectFromJujuData({ env: { JUJU_DATA: jujuDataDir }, model: 'default' });
  const deployed = await juju.deployBundle('applications:\n  ubuntu:\n    charm: ubuntu\n    num_units: 1\n');
  const watcher = juju.watchModel({ pollIntervalMs: 50 });
  const state = await watcher.waitFor(allUnitsActiveIdle, { timeoutMs: 120_000 });
  await watcher.stop();
  await juju.close();
  console.log(
    JSON.stringify({
      vmHosts: inventory.vmHosts.length,
      missing,
      hosts: sizing.hosts,
      jujuVersion: juju.serverVersion,
      changes: deployed.executed,
      units: [...state.units.keys()],
    }),
  );
} finally {
  await jujuSim.close();
  await maasSim.close();
}
