import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultRule, type MaasSim, startMaasSim } from '../src/index.js';
import { oauthHeader, Wire } from './support/wire.js';

let sim: MaasSim;
let wire: Wire;

beforeAll(async () => {
  sim = await startMaasSim({ seed: 21 });
  wire = new Wire(sim);
});
afterAll(() => sim.close());

/** Raw GET that reports a transport failure instead of throwing, to observe resets and truncation. */
function rawGet(
  path: string,
): Promise<{ status?: number; error?: string; received: number; announced?: number }> {
  return new Promise((resolve) => {
    const req = request(
      `${wire.api}${path}`,
      { headers: { Authorization: oauthHeader(sim.apiKey) } },
      (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            received,
            announced: Number(res.headers['content-length']),
          }),
        );
        res.on('error', (error) =>
          resolve({ error: error.message, received, announced: Number(res.headers['content-length']) }),
        );
        res.on('aborted', () =>
          resolve({ error: 'aborted', received, announced: Number(res.headers['content-length']) }),
        );
      },
    );
    req.on('error', (error) =>
      resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message, received: 0 }),
    );
    req.end();
  });
}

describe('scripted faults per route', () => {
  it('serves 409 + Retry-After: 5, then 503 + Retry-After: 10, then 503, then 500, then passes', async () => {
    sim.setFaults([
      {
        path: '/machines/',
        method: 'POST',
        op: 'allocate',
        script: ['conflict-retry', 'unavailable-retry', 'unavailable', 'error'],
      },
    ]);
    const statuses: [number, string | null][] = [];
    for (let i = 0; i < 5; i++) {
      const res = await wire.post('/machines/', 'allocate', { dry_run: 'true' });
      statuses.push([res.status, res.headers.get('retry-after')]);
    }
    expect(statuses).toEqual([
      [409, '5'],
      [503, '10'],
      [503, null],
      [500, null],
      [200, null],
    ]);
    // Other routes are untouched.
    expect((await wire.get('/zones/')).status).toBe(200);
    expect(sim.stats().faultsInjected).toBe(4);
  });

  it('resets the connection', async () => {
    sim.setFaults([{ path: '/zones/', kind: 'reset', script: ['reset'] }]);
    const res = await rawGet('/zones/');
    expect(res.error).toBe('ECONNRESET');
    expect((await rawGet('/zones/')).status).toBe(200);
  });

  it('truncates a body below its announced Content-Length', async () => {
    sim.setFaults([{ path: '/machines/', method: 'GET', script: ['truncate'] }]);
    const res = await rawGet('/machines/');
    expect(res.status).toBeUndefined();
    expect(res.announced).toBeGreaterThan(res.received);
  });

  it('answers slowly but correctly', async () => {
    sim.setFaults([{ path: /^\/users\//, kind: 'slow', delayMs: 50 }]);
    const res = await wire.get('/users/', { op: 'whoami' });
    expect(res.status).toBe(200);
    expect(res.json.username).toBe('admin');
    sim.clearFaults();
  });

  it('clears every fault, those given at start included: rules and machine failures not yet met', async () => {
    const faulty = await startMaasSim({
      seed: 21,
      faults: {
        rules: [{ path: '/zones/', kind: 'unavailable', probability: 1 }],
        machines: { 'vm-a1-1': 'deployment' },
      },
    });
    try {
      const client = new Wire(faulty);
      expect((await client.get('/zones/')).status).toBe(503);
      expect(faulty.state.data.machines.find((m) => m.hostname === 'vm-a1-1')?.injectedFailure).toBe(
        'deployment',
      );
      faulty.clearFaults();
      expect((await client.get('/zones/')).status).toBe(200);
      expect(faulty.state.data.machines.filter((m) => m.injectedFailure !== null)).toEqual([]);
    } finally {
      await faulty.close();
    }
  });
});

describe('probabilistic faults', () => {
  async function sequence(seed: number, rules: FaultRule[]): Promise<number[]> {
    const s = await startMaasSim({ seed, faults: { rules } });
    try {
      const w = new Wire(s);
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await w.get('/zones/')).status);
      return out;
    } finally {
      await s.close();
    }
  }

  it('injects by seeded probability, reproducibly', async () => {
    const rules: FaultRule[] = [{ path: '/zones/', kind: 'unavailable-retry', probability: 0.3 }];
    const a = await sequence(99, rules);
    const b = await sequence(99, rules);
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(a.every((s) => s === 200 || s === 503)).toBe(true);
  });
});
