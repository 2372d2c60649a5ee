import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MaasSim, startMaasSim } from '../src/index.js';
import { machineByHostname, Wire } from './support/wire.js';

let sim: MaasSim;
let wire: Wire;

beforeAll(async () => {
  sim = await startMaasSim({ seed: 7 });
  wire = new Wire(sim);
});
afterAll(() => sim.close());

describe('URL layout', () => {
  it('serves on loopback under /MAAS/', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/MAAS\/$/);
  });

  it('answers 404 "Unknown API endpoint" without the trailing slash, and never redirects', async () => {
    const res = await wire.get('/machines');
    expect(res.status).toBe(404);
    expect(res.text).toBe(`Unknown API endpoint: /MAAS/api/2.0/machines.`);
    const unknown = await wire.get('/no-such-thing/');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toBe('Unknown API endpoint: /MAAS/api/2.0/no-such-thing/.');
  });

  it('dispatches ?op= in the query, in the form body, and as /op-<name>', async () => {
    const query = await wire.get('/users/', { op: 'whoami' });
    expect(query.json.username).toBe('admin');
    const pathOp = await wire.raw('GET', `${wire.api}/users/op-whoami`);
    expect(pathOp.json.username).toBe('admin');
    const form = new FormData();
    form.append('op', 'allocate');
    form.append('dry_run', 'true');
    const bodyOp = await wire.raw('POST', `${wire.api}/machines/`, { body: form });
    expect(bodyOp.status).toBe(200);
    expect(bodyOp.json.status_name).toBe('Ready');
  });

  it("rejects an unknown op with MAAS's 400 text", async () => {
    const res = await wire.get('/machines/', { op: 'frobnicate' });
    expect(res.status).toBe(400);
    expect(res.text).toBe('Unrecognised signature: method=GET op=frobnicate');
  });

  it('sends X-MAAS-API-Hash on every response, matching describe', async () => {
    const describe = await wire.get('/describe/', {}, false);
    const hash = describe.json.hash;
    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    for (const res of [
      describe,
      await wire.get('/machines/'),
      await wire.get('/machines'),
      await wire.get('/zones/', {}, false),
    ]) {
      expect(res.headers.get('x-maas-api-hash')).toBe(hash);
    }
  });

  it('describe lists the handlers and actions it implements', async () => {
    const res = await wire.get('/describe/', {}, false);
    expect(res.json.doc).toBe('MAAS API');
    const machines = res.json.resources.find((r: { name: string }) => r.name === 'MachinesHandler');
    expect(machines.auth.path).toBe('/MAAS/api/2.0/machines/');
    expect(machines.auth.uri).toBe(`${sim.url}api/2.0/machines/`);
    const ops = machines.auth.actions.map(
      (a: { op: string | null; method: string }) => `${a.method} ${a.op}`,
    );
    expect(ops).toContain('POST allocate');
    expect(ops).toContain('GET null');
    const version = res.json.resources.find((r: { name: string }) => r.name === 'VersionHandler');
    expect(version.anon.path).toBe('/MAAS/api/2.0/version/');
  });
});

describe('anonymous endpoints', () => {
  it('serves /api/2.0/version/ and /api/version/ without auth', async () => {
    const v = await wire.get('/version/', {}, false);
    expect(v.status).toBe(200);
    expect(v.json).toEqual({
      capabilities: expect.arrayContaining(['authenticate-api', 'networks-management']),
      version: expect.stringMatching(/^3\.7\.\d+/),
      subversion: '',
    });
    const plain = await wire.raw('GET', `${sim.url}api/version/`, { sign: false });
    expect(plain.text).toBe('2.0');
    const old = await wire.raw('GET', `${sim.url}api/1.0/machines/`, { sign: false });
    expect(old.status).toBe(410);
  });

  it('exchanges username/password for the API key at /MAAS/accounts/authenticate/', async () => {
    const url = `${sim.url}accounts/authenticate/`;
    const good = await wire.raw('POST', url, {
      sign: false,
      body: new URLSearchParams({ username: sim.adminUser, password: sim.adminPassword }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(good.status).toBe(200);
    const key = `${good.json.consumer_key}:${good.json.token_key}:${good.json.token_secret}`;
    expect(key).toBe(sim.apiKey);
    const bad = await wire.raw('POST', url, {
      sign: false,
      body: new URLSearchParams({ username: sim.adminUser, password: 'wrong' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.status).toBe(403);
    expect(bad.text).toBe('');
    const named = new FormData();
    named.append('username', sim.adminUser);
    named.append('password', sim.adminPassword);
    named.append('consumer', 'ci@host');
    const created = await wire.raw('POST', url, { sign: false, body: named });
    expect(created.json.name).toBe('ci@host');
    expect(created.json.token_key).not.toBe(good.json.token_key);
    expect((await wire.raw('GET', url, { sign: false })).status).toBe(405);
  });
});

describe('request encoding', () => {
  it('ignores the parameters of a JSON body, as piston does', async () => {
    const m = await machineByHostname(wire, 'metal-a1');
    const res = await wire.raw('PUT', `${wire.api}/machines/${m.system_id}/`, {
      body: JSON.stringify({ description: 'from json' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.json.description).toBe('');
    const form = await wire.put(`/machines/${m.system_id}/`, { description: 'from form' });
    expect(form.json.description).toBe('from form');
  });

  it('reads repeated keys as lists', async () => {
    const a = await machineByHostname(wire, 'metal-a1');
    const b = await machineByHostname(wire, 'metal-b1');
    const res = await wire.get('/machines/', { id: [a.system_id, b.system_id] });
    expect(res.json.map((m: { hostname: string }) => m.hostname).sort()).toEqual(['metal-a1', 'metal-b1']);
  });

  it('counts requests and mutating calls', async () => {
    const before = sim.stats();
    await wire.get('/zones/');
    await wire.post('/tags/', null, { name: 'counted' });
    const after = sim.stats();
    expect(after.requests - before.requests).toBe(2);
    expect(after.mutating - before.mutating).toBe(1);
    expect(after.byOperation['POST /tags/']).toBe((before.byOperation['POST /tags/'] ?? 0) + 1);
  });
});
