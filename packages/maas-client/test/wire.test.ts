import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MaasClient, MachineSchema, unknownFields } from '../src/index.js';
import {
  CONSUMER_KEY,
  type Loopback,
  loopbackClient,
  parseOAuthHeader,
  startLoopback,
  TOKEN_KEY,
  TOKEN_SECRET,
} from './support/loopback.js';
import { machine } from './support/objects.js';

let server: Loopback;
let client: MaasClient;

beforeEach(async () => {
  server = await startLoopback();
  client = loopbackClient(server);
});
afterEach(() => server.close());

describe('wire format', () => {
  it('signs with OAuth 1.0 PLAINTEXT and a fresh nonce per request', async () => {
    server.fallback = () => ({
      body: { username: 'admin', email: 'a@b', is_superuser: true, resource_uri: '/u/' },
    });
    await client.users.whoami();
    await client.users.whoami();
    const [a, b] = server.requests.map((r) => parseOAuthHeader(r.headers.authorization));
    expect(a).toMatchObject({
      oauth_version: '1.0',
      oauth_signature_method: 'PLAINTEXT',
      oauth_consumer_key: CONSUMER_KEY,
      oauth_token: TOKEN_KEY,
      oauth_signature: `&${TOKEN_SECRET}`,
    });
    expect(a!.oauth_nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(a!.oauth_timestamp)).toBeCloseTo(Date.now() / 1000, -2);
    expect(a!.oauth_nonce).not.toBe(b!.oauth_nonce);
    expect(server.requests[0]!.headers.authorization).toContain(`oauth_signature="%26${TOKEN_SECRET}"`);
    expect(server.requests[0]!.url).toBe('/MAAS/api/2.0/users/?op=whoami');
  });

  it('lists with repeated filter keys and keeps unknown fields', async () => {
    server.fallback = () => ({ body: [machine('abc123', { future_field: { kept: true } })] });
    const machines = await client.machines.list({
      zone: 'edge-a',
      tags: ['gpu', 'ssd'],
      status: 'ready',
      mem: 4096,
    });
    expect(server.requests[0]!.method).toBe('GET');
    expect(server.requests[0]!.url).toBe(
      '/MAAS/api/2.0/machines/?zone=edge-a&tags=gpu&tags=ssd&status=ready&mem=4096',
    );
    expect(unknownFields(machines[0]!, MachineSchema)).toEqual({ future_field: { kept: true } });
    const seen: string[] = [];
    for await (const m of client.machines.list()) seen.push(m.system_id);
    expect(seen).toEqual(['abc123']);
  });

  it('posts ops as urlencoded forms with op in the query, never JSON', async () => {
    server.fallback = () => ({ body: { ...machine('abc123'), constraints_by_type: {} } });
    await client.machines.allocate({
      zone: 'edge-a',
      tags: ['gpu', 'nvme'],
      cpu_count: 4,
      dry_run: false,
      storage: [{ label: 'root', sizeGB: 20, tags: ['ssd'] }, { sizeGB: 100 }],
      interfaces: [{ label: 'eth0', match: { space: 'internal', not_vid: [10, 20] } }],
    });
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/MAAS/api/2.0/machines/?op=allocate');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(req.body.toString());
    expect(form.getAll('tags')).toEqual(['gpu', 'nvme']);
    expect(form.get('dry_run')).toBe('false');
    expect(form.get('storage')).toBe('root:20(ssd),100');
    expect(form.get('interfaces')).toBe('eth0:space=internal,not_vid=10,not_vid=20');
    expect(form.has('op')).toBe(false);
    expect(() => JSON.parse(req.body.toString())).toThrow();
  });

  it('encodes every path segment and keeps the trailing slash', async () => {
    server.fallback = () => ({ body: { name: 'a/b c', description: '', id: 3, resource_uri: '/x/' } });
    await client.zones.read('a/b c');
    await client.subnets.statistics('10.0.0.0/24', { include_ranges: true }).catch(() => undefined);
    expect(server.requests[0]!.url).toBe('/MAAS/api/2.0/zones/a%2Fb%20c/');
    expect(server.requests[1]!.url).toBe(
      '/MAAS/api/2.0/subnets/10.0.0.0%2F24/?op=statistics&include_ranges=true',
    );
  });

  it('bulk-releases with repeated machines keys', async () => {
    server.fallback = () => ({ body: ['abc', 'def'] });
    expect(await client.machines.releaseMany(['abc', 'def'], { comment: 'done' })).toEqual(['abc', 'def']);
    const form = new URLSearchParams(server.requests[0]!.body.toString());
    expect(server.requests[0]!.url).toBe('/MAAS/api/2.0/machines/?op=release');
    expect(form.getAll('machines')).toEqual(['abc', 'def']);
    expect(form.get('comment')).toBe('done');
  });

  it('sends multipart/form-data with repeated keys when configured like the MAAS CLI', async () => {
    const multipart = client.withOptions({ bodyEncoding: 'multipart' });
    server.fallback = () => ({ body: { added: 2, removed: 1 } });
    await multipart.tags.updateNodes('gpu', { add: ['abc', 'def'], remove: ['ghi'] });
    const req = server.requests[0]!;
    expect(req.url).toBe('/MAAS/api/2.0/tags/gpu/?op=update_nodes');
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(new Uint8Array(req.body), {
      headers: { 'content-type': req.headers['content-type']! },
    }).formData();
    expect(form.getAll('add')).toEqual(['abc', 'def']);
    expect(form.getAll('remove')).toEqual(['ghi']);
  });

  it('PUTs updates as forms and DELETEs with query parameters and an empty body', async () => {
    server.queue = [() => ({ body: { ...machine('abc'), hostname: 'new' } }), () => ({ status: 204 })];
    await client.machines.update('abc', { hostname: 'new', power_parameters: { power_address: '10.0.0.9' } });
    await client.vmHosts.delete(7, { decompose: true });
    const [put, del] = server.requests;
    expect(put!.method).toBe('PUT');
    expect(new URLSearchParams(put!.body.toString()).get('power_parameters_power_address')).toBe('10.0.0.9');
    expect(del!.method).toBe('DELETE');
    expect(del!.url).toBe('/MAAS/api/2.0/vm-hosts/7/?decompose=true');
    expect(del!.body.length).toBe(0);
  });
});

describe('path and parameter safety', () => {
  it('refuses ids that URL parsing would turn into other endpoints', async () => {
    // Promise-returning methods reject (never throw synchronously) with MaasInputError.
    await expect(client.machines.read('..')).rejects.toMatchObject({ name: 'MaasInputError' });
    await expect(client.zones.read('')).rejects.toThrow(/must not be empty/);
    await expect(client.machines.list({ mem: Number.NaN })).rejects.toThrow(/finite/);
    expect(server.requests).toHaveLength(0);
  });

  it('never lets a caller header replace the OAuth signature', async () => {
    server.fallback = () => ({
      body: { username: 'admin', email: null, is_superuser: true, resource_uri: '/u/' },
    });
    await client.users.whoami({ headers: { AUTHORIZATION: 'Basic eA==', 'x-trace': 't1' } });
    expect(server.requests[0]!.headers.authorization).toMatch(/^OAuth /);
    expect(server.requests[0]!.headers['x-trace']).toBe('t1');
  });
});
