// End to end against the other side of the wire: @edgekit/juju-sim (a WSS Juju controller that
// provisions from @edgekit/maas-sim). Connect from the JUJU_DATA the simulator writes, deploy the real
// Charmed Kubernetes 1.35 bundle, and watch it settle; on 3.6.14 (AllWatcher) and 4.0.12 (polling).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JujuSim, startJujuSim } from '@edgekit/juju-sim';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allUnitsActiveIdle,
  type BundleProgress,
  connectFromJujuData,
  type JujuClient,
} from '../src/index.js';
import { jujuFixture } from './support/fixtures.js';

const TIME_SCALE = 5000;
const bundle = readFileSync(jujuFixture('bundles', 'charmed-kubernetes-1.35.bundle.yaml'), 'utf8');

let maas: MaasSim | undefined;
let juju: JujuSim | undefined;
const clients: JujuClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await juju?.close();
  await maas?.close();
});

for (const jujuVersion of ['3.6.14', '4.0.12'] as const) {
  describe(`against juju-sim ${jujuVersion}`, () => {
    it('deploys Charmed Kubernetes 1.35 and waits until every unit is active and idle', async () => {
      maas = await startMaasSim({ timeScale: TIME_SCALE, seed: 7 });
      const jujuData = mkdtempSync(join(tmpdir(), 'jc-sim-'));
      juju = await startJujuSim({
        maas: { url: maas.url, apiKey: maas.apiKey },
        jujuVersion,
        timeScale: TIME_SCALE,
        jujuDataDir: jujuData,
      });
      // TLS pinned to the simulator's CA as `juju-apiserver`, credentials from accounts.yaml.
      const client = await connectFromJujuData({ env: { JUJU_DATA: jujuData }, model: 'default' });
      clients.push(client);
      expect(client.serverVersion).toBe(jujuVersion);

      const progress: BundleProgress[] = [];
      const result = await client.deployBundle(bundle, { onProgress: (e) => progress.push(e) });
      expect(result.executed).toBe(progress.length);
      const watcher = client.watchModel({ pollIntervalMs: 20 });
      expect(watcher.mode).toBe(jujuVersion === '3.6.14' ? 'allwatcher' : 'poll');
      const state = await watcher.waitFor(allUnitsActiveIdle);
      await watcher.stop();

      const principals = [...state.units.values()].filter((u) => !u.subordinate);
      expect(principals.map((u) => u.application).sort()).toEqual(
        [
          'easyrsa',
          'etcd',
          'etcd',
          'etcd',
          'kubeapi-load-balancer',
          'kubernetes-control-plane',
          'kubernetes-control-plane',
          'kubernetes-worker',
          'kubernetes-worker',
          'kubernetes-worker',
        ].sort(),
      );
      const status = await client.client.fullStatus();
      expect(Object.keys(status.machines)).toHaveLength(10);
      // The bundle's 13 relations, plus the charms' peer relations.
      const bundleRelations = status.relations.filter((r) => r.endpoints.every((e) => e.role !== 'peer'));
      expect(bundleRelations).toHaveLength(13);

      // A re-run is a no-op for everything FullStatus can see.
      const before = juju.stats().mutatingRequests;
      const rerun = await client.deployBundle(bundle);
      const annotationCalls = progress.filter((p) => p.change.method === 'setAnnotations').length;
      expect(rerun.executed).toBe(annotationCalls); // annotations are not in FullStatus; setting them is idempotent
      expect(juju.stats().mutatingRequests - before).toBe(annotationCalls);
    });
  });
}
