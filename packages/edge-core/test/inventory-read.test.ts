import { HardwareType, MaasClient } from '@edgekit/maas-client';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildInventory,
  InventoryError,
  readMaasGpus,
  readMaasLists,
  readMaasSite,
  takeInventory,
} from '../src/index.js';

// readMaasSite against the MAAS simulator over HTTP: the one reader both planning (takeInventory) and
// the TUI's fleet view use, differing only in whose GPUs they ask for.
let sim: MaasSim;
let maas: MaasClient;
beforeAll(async () => {
  sim = await startMaasSim({ host: '127.0.0.1', port: 0, site: 'demo' });
  maas = new MaasClient({ url: sim.url, apiKey: sim.apiKey });
});
afterAll(() => sim.close());

const bareMetal = (readings: Awaited<ReturnType<typeof readMaasSite>>) =>
  readings.machines.filter((m) => m.pod == null && m.virtualmachine_id == null);

describe('readMaasSite', () => {
  it('reads GPUs of the machines a plan could take by default, and of every bare-metal machine on ask', async () => {
    const candidates = await readMaasSite(maas);
    const fleet = await readMaasSite(maas, { gpuScan: 'bare-metal' });
    const ready = bareMetal(candidates).filter((m) => m.status_name === 'Ready' && !m.owner);
    expect(ready.length).toBeGreaterThan(0);
    expect([...candidates.devices.keys()].sort()).toEqual(ready.map((m) => m.system_id).sort());
    expect([...fleet.devices.keys()].sort()).toEqual(
      bareMetal(fleet)
        .map((m) => m.system_id)
        .sort(),
    );
    expect(fleet.devices.size).toBeGreaterThan(candidates.devices.size);
    expect(candidates.gpusComplete && fleet.gpusComplete).toBe(true);
    // The demo's GPU machines show their devices either way.
    const gpus = [...fleet.devices.values()].flat().filter((d) => d.hardware_type === HardwareType.GPU);
    expect(gpus.length).toBeGreaterThan(0);
  });

  it('skips the GPU scan above gpuScanLimit and says the GPU counts are incomplete', async () => {
    const readings = await readMaasSite(maas, { gpuScan: 'bare-metal', gpuScanLimit: 1 });
    expect(readings.devices.size).toBe(0);
    expect(readings.gpusComplete).toBe(false);
  });

  it('reads in two steps as it reads in one: the lists first, then the GPUs onto them', async () => {
    const lists = await readMaasLists(maas);
    expect(lists).not.toHaveProperty('devices');
    expect(lists.machines.length).toBeGreaterThan(0);
    const stepped = await readMaasGpus(maas, lists, { gpuScan: 'bare-metal' });
    const whole = await readMaasSite(maas, { gpuScan: 'bare-metal' });
    expect(stepped.machines).toBe(lists.machines);
    expect([...stepped.devices.keys()].sort()).toEqual([...whole.devices.keys()].sort());
    expect({ ...stepped, devices: null }).toEqual({ ...whole, devices: null });
  });

  it('builds the same snapshot takeInventory takes', async () => {
    const snapshot = await takeInventory(maas);
    const built = buildInventory(await readMaasSite(maas));
    expect({ ...built, takenAt: '' }).toEqual({ ...snapshot, takenAt: '' });
  });

  it('stops at an aborted signal; takeInventory wraps failures in InventoryError', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readMaasSite(maas, { signal: controller.signal })).rejects.toThrow();
    const unreachable = new MaasClient({ url: 'http://127.0.0.1:9/MAAS/', apiKey: 'a:b:c', retry: false });
    await expect(takeInventory(unreachable)).rejects.toBeInstanceOf(InventoryError);
  });
});
