import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChanges, type JujuSim, startJujuSim } from '../src/index.js';
import { WireClient } from './support/wire.js';

const NO_MAAS = { url: 'http://127.0.0.1:9/MAAS/', apiKey: 'consumer:token:secret' };

const bundle = (units: number, apps = 1) =>
  `applications:\n${Array.from(
    { length: apps },
    (_, i) => `  ubuntu-${i}:\n    charm: ubuntu\n    base: ubuntu@24.04\n    num_units: ${units}\n`,
  ).join('')}`;

describe('bundle unit counts are bounded (issue 14: num_units 100000000 exhausted the heap)', () => {
  it('refuses an application above the per-application limit, naming it and the limit', () => {
    const { changes, errors } = bundleChanges(bundle(10_001));
    expect(changes).toEqual([]);
    expect(errors).toEqual([
      'application "ubuntu-0" asks for 10001 units: the simulator allows at most 10000 per application',
    ]);
    expect(bundleChanges(bundle(10_000)).errors).toEqual([]);
  });

  it('refuses a bundle above the total limit', () => {
    const { errors } = bundleChanges(bundle(10_000, 11));
    expect(errors).toEqual([
      'the bundle asks for 110000 units: the simulator allows at most 100000 per bundle',
    ]);
  });

  describe('over the wire', () => {
    let sim: JujuSim;
    beforeAll(async () => {
      sim = await startJujuSim({ maas: NO_MAAS });
    });
    afterAll(async () => {
      await sim.close();
    });

    it('answers num_units: 100000000 with the bundle errors and keeps serving', async () => {
      const client = await WireClient.connect(sim.controllerUrl, sim.caCert);
      await client.login(sim.user, sim.password);
      const reply = await client.ok('Bundle', 6, 'GetChangesMapArgs', { yaml: bundle(100_000_000) });
      expect(reply).toEqual({
        errors: [
          'application "ubuntu-0" asks for 100000000 units: the simulator allows at most 10000 per application',
        ],
      });
      expect(await client.ok('Pinger', 1, 'Ping')).toEqual({});
      client.close();
    });
  });
});
