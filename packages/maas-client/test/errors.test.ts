import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MaasBadRequestError,
  MaasClient,
  MaasConfigError,
  MaasConnectionError,
  MaasError,
  MaasForbiddenError,
  MaasGoneError,
  MaasHttpError,
  MaasInputError,
  MaasNotFoundError,
  MaasServerError,
  MaasUnauthorizedError,
  MaasValidationError,
  MaasVmHostsRemovedError,
  REDACTED,
} from '../src/index.js';
import { maasFixturesDir } from './support/fixtures.js';
import {
  API_KEY,
  CONSUMER_KEY,
  type Loopback,
  loopbackClient,
  startLoopback,
  TOKEN_KEY,
  TOKEN_SECRET,
} from './support/loopback.js';

let server: Loopback;
let client: MaasClient;

beforeEach(async () => {
  server = await startLoopback();
  client = loopbackClient(server);
});
afterEach(() => server.close());

/** Everything a log line, a snapshot or a crash report could show about an error. */
function everythingVisible(error: unknown): string {
  return [String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)].join('\n');
}

function expectNoSecrets(text: string) {
  for (const secret of [API_KEY, CONSUMER_KEY, TOKEN_KEY, TOKEN_SECRET]) expect(text).not.toContain(secret);
}

describe('error tree', () => {
  it('a 2xx body that is not JSON is quoted in MaasValidationError without the credentials it echoes', async () => {
    server.fallback = () => ({ status: 200, body: `${TOKEN_KEY}:${TOKEN_SECRET} is not what you expected` });
    const error = await client.zones.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasValidationError);
    expect((error as MaasValidationError).message).toContain(REDACTED);
    expectNoSecrets(everythingVisible(error));
  });

  it('400 carries fieldErrors parsed from the JSON body MAAS sends', async () => {
    const body = readFileSync(
      join(maasFixturesDir(), 'error-compose-400-field-errors.tf-issue-162.json'),
      'utf8',
    );
    server.fallback = () => ({ status: 400, headers: { 'content-type': 'application/json' }, body });
    const error = await client.vmHosts.compose(3, { cores: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasBadRequestError);
    expect(error).toBeInstanceOf(MaasHttpError);
    expect(error).toBeInstanceOf(MaasError);
    const bad = error as MaasBadRequestError;
    expect(bad.fieldErrors.cores).toEqual(['Ensure this value is less than or equal to 0.']);
    expect(bad).toMatchObject({ status: 400, method: 'POST', path: '/MAAS/api/2.0/vm-hosts/3/?op=compose' });
    expect(bad.message).toContain('cores: Ensure this value is less than or equal to 0.');
  });

  it.each([
    [401, MaasUnauthorizedError, 'machines/'],
    [403, MaasForbiddenError, 'machines/'],
    [404, MaasNotFoundError, 'machines/'],
    [410, MaasGoneError, 'machines/'],
    [500, MaasServerError, 'machines/'],
  ])('maps %i to %s', async (status, type) => {
    server.fallback = () => ({ status, body: 'nope' });
    const error = await client.machines.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).not.toBeInstanceOf(MaasVmHostsRemovedError);
    expect((error as MaasHttpError).status).toBe(status);
  });

  it('turns 410 on any VM-host path into a typed "VM hosts removed" error', async () => {
    server.fallback = () => ({ status: 410, body: 'VM host (KVM) support has been removed from MAAS.' });
    for (const call of [
      () => client.vmHosts.list(),
      () => client.vmHosts.compose(1, { cores: 1 }),
      () => client.vmHosts.read(2),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MaasVmHostsRemovedError);
      expect(error).toBeInstanceOf(MaasGoneError);
      expect((error as Error).message).toContain('removed VM-host');
    }
  });

  it('names the endpoint, field and expectation when a response does not match its schema', async () => {
    server.fallback = () => ({ body: [{ id: 1, name: 'edge-a', description: 7, resource_uri: '/z/' }] });
    const error = await client.zones.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasValidationError);
    const invalid = error as MaasValidationError;
    expect(invalid.endpoint).toBe('GET zones/');
    expect(invalid.issues).toEqual([
      { field: '[0].description', expected: 'string', message: expect.any(String) },
    ]);
    expect(invalid.message).toContain('[0].description: expected string');
  });

  it('reports a non-JSON body as a validation error', async () => {
    server.fallback = () => ({ body: '<html>proxy error</html>', headers: { 'content-type': 'text/html' } });
    await expect(client.users.whoami()).rejects.toMatchObject({
      name: 'MaasValidationError',
      endpoint: 'GET users/?op=whoami',
    });
  });

  it('wraps a refused connection; no got error escapes', async () => {
    const url = server.url;
    await server.close();
    const error = await new MaasClient({ url, apiKey: API_KEY }).machines.allocate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasConnectionError);
    expect((error as MaasConnectionError).code).toBe('ECONNREFUSED');
    expect((error as Error).cause).toBeUndefined();
    expect(error?.constructor.name).toBe('MaasConnectionError');
    server = await startLoopback();
  });

  it('rejects bad configuration and bad arguments before any request', async () => {
    expect(() => new MaasClient({ url: server.url, apiKey: 'only:two' })).toThrow(MaasConfigError);
    expect(() => new MaasClient({ url: 'ftp://maas', apiKey: API_KEY })).toThrow(/http or https/);
    expect(() => new MaasClient({ url: server.url, apiKey: API_KEY, insecure: true, ca: 'PEM' })).toThrow(
      MaasConfigError,
    );
    expect(() => new MaasClient({ url: server.url, apiKey: API_KEY, timeout: -1 })).toThrow(/timeout/);
    await expect(client.machines.allocate({ storage: [{ sizeGB: -5 }] })).rejects.toThrow(MaasInputError);
    await expect(client.events.query({ after: 1, before: 5 })).rejects.toThrow(MaasInputError);
    await expect(client.vmHosts.addTag(1, 'a,b')).rejects.toThrow(/comma/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('redaction', () => {
  it('never shows the key, even when MAAS echoes the token in a 401 body', async () => {
    server.fallback = () => ({
      status: 401,
      body: `Authorization Error: 'Invalid access token: ${TOKEN_KEY}'`,
    });
    const error = await client.machines.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasUnauthorizedError);
    expect((error as MaasUnauthorizedError).body).toContain(REDACTED);
    expectNoSecrets(everythingVisible(error));
  });

  it('keeps the key out of the client object and of config errors', () => {
    expectNoSecrets(inspect(client, { depth: 10, showHidden: true }));
    expectNoSecrets(JSON.stringify(client));
    expectNoSecrets(inspect(client.machines, { depth: 10 }));
    const error = (() => {
      try {
        return new MaasClient({ url: server.url, apiKey: `${CONSUMER_KEY}:${TOKEN_SECRET}` });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MaasConfigError);
    expectNoSecrets(everythingVisible(error));
  });

  it('keeps the password out of a failed login', async () => {
    server.fallback = () => ({ status: 403 });
    const error = await MaasClient.login(server.url, 'admin', 'hunter2-secret').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasForbiddenError);
    expect((error as Error).message).toContain('username or password');
    expect(everythingVisible(error)).not.toContain('hunter2-secret');
  });
});

describe('redirects', () => {
  it('does not follow a redirect and says where to point the client', async () => {
    const s = await startLoopback();
    s.fallback = () => ({
      status: 301,
      headers: { location: 'https://maas.example:5443/MAAS/api/2.0/machines/' },
    });
    const error = await new MaasClient({ url: s.url, apiKey: API_KEY }).machines
      .allocate()
      .catch((e: unknown) => e);
    await s.close();
    expect(error).toBeInstanceOf(MaasHttpError);
    expect((error as Error).message).toContain(
      'redirected to https://maas.example:5443/MAAS/api/2.0/machines/',
    );
    expect(s.requests).toHaveLength(1);
  });
});
