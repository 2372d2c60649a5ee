import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MaasSimError, ManualClock, PHASE_MS, startMaasSim } from '../src/index.js';
import { machineByHostname, Wire } from './support/wire.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'maas-sim-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('saves atomically and brings a stopped site back as it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'site.json');
    const clock = new ManualClock();
    const first = await startMaasSim({ persist: file, seed: 6, clock });
    const wire = new Wire(first);
    const m = await machineByHostname(wire, 'metal-a1');
    await wire.post(`/machines/${m.system_id}/`, 'deploy', {});
    clock.advance(PHASE_MS.deploying);
    await wire.post('/tags/', null, { name: 'kept' });
    const keyBefore = first.apiKey;
    await first.close();
    expect(readdirSync(dir)).toEqual(['site.json']);

    const second = await startMaasSim({ persist: file, seed: 999 });
    try {
      expect(second.apiKey).toBe(keyBefore);
      const w2 = new Wire(second);
      const again = (await w2.get(`/machines/${m.system_id}/`)).json;
      expect(again.status_name).toBe('Deployed');
      expect(again.owner).toBe('admin');
      expect((await w2.get('/tags/kept/')).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('saves an armed machine failure and its clearing as they happen, not only at close', async () => {
    const file = join(tempDir(), 'site.json');
    const sim = await startMaasSim({ persist: file, seed: 6 });
    const saved = () =>
      (
        JSON.parse(readFileSync(file, 'utf8')) as {
          machines: { hostname: string; injectedFailure: string | null }[];
        }
      ).machines.find((m) => m.hostname === 'metal-a1')?.injectedFailure;
    try {
      sim.injectFailure('metal-a1', 'deployment');
      await new Promise((resolve) => setImmediate(resolve));
      expect(saved()).toBe('deployment');
      sim.clearFaults();
      await new Promise((resolve) => setImmediate(resolve));
      expect(saved()).toBeNull();
    } finally {
      await sim.close();
    }
  });

  it('resumes a pending transition after reload', async () => {
    const file = join(tempDir(), 'site.json');
    const first = await startMaasSim({ persist: file, seed: 6, timeScale: 1 });
    const wire = new Wire(first);
    const m = await machineByHostname(wire, 'metal-b1');
    await wire.post(`/machines/${m.system_id}/`, 'commission', {});
    await first.close();
    const clock = new ManualClock(Date.now() + 1000);
    const second = await startMaasSim({ persist: file, clock });
    try {
      const w2 = new Wire(second);
      expect((await w2.get(`/machines/${m.system_id}/`)).json.status_name).toBe('Commissioning');
      clock.advance(PHASE_MS.commissioning + PHASE_MS.testing);
      expect((await w2.get(`/machines/${m.system_id}/`)).json.status_name).toBe('Ready');
    } finally {
      await second.close();
    }
  });

  it('refuses a file that is not a saved site, naming the fix', async () => {
    const file = join(tempDir(), 'site.json');
    writeFileSync(file, '{"hello": 1}');
    await expect(startMaasSim({ persist: file })).rejects.toThrow(MaasSimError);
    await expect(startMaasSim({ persist: file })).rejects.toThrow(/Delete it to start afresh/);
    expect(existsSync(file)).toBe(true);
  });
});

describe('options', () => {
  it('rejects bad options with a typed error that says what to pass', async () => {
    await expect(startMaasSim({ maasVersion: '4.0' as never })).rejects.toThrow(
      "maasVersion must be one of 2.9, 3.7, 3.8, master; got '4.0'.",
    );
    await expect(startMaasSim({ timeScale: 0 })).rejects.toThrow(/timeScale must be a positive number/);
    await expect(startMaasSim({ port: 70000 })).rejects.toThrow(/port must be an integer/);
    await expect(startMaasSim({ site: 'huge' as never })).rejects.toBeInstanceOf(MaasSimError);
  });

  it('builds a large site', async () => {
    const sim = await startMaasSim({ site: { large: { hosts: 20, machines: 300 } } });
    try {
      const w = new Wire(sim);
      expect((await w.get('/machines/')).json).toHaveLength(320);
      expect((await w.get('/vm-hosts/')).json).toHaveLength(20);
    } finally {
      await sim.close();
    }
  });
});
