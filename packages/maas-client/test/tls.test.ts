import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaasClient, MaasConnectionError } from '../src/index.js';
import { API_KEY, type Loopback, startLoopback } from './support/loopback.js';
import { mintPki, type TestPki } from './support/tls.js';

let pki: TestPki;
let server: Loopback;
const version = { capabilities: ['authenticate-api'], version: '3.7.3', subversion: '' };

beforeAll(async () => {
  pki = mintPki();
  server = await startLoopback({ key: pki.serverKey, cert: pki.serverCert });
  server.fallback = () => ({ body: version });
});
afterAll(() => server.close());

describe('TLS', () => {
  it('verifies by default and refuses a certificate from an unknown CA', async () => {
    const error = await new MaasClient({ url: server.url, apiKey: API_KEY }).version
      .read()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasConnectionError);
    expect((error as MaasConnectionError).code).toMatch(/CERT|SIGNATURE|ISSUER/);
    expect((error as Error).message).toContain('Could not reach MAAS');
  });

  it('trusts a custom CA bundle', async () => {
    const client = new MaasClient({ url: server.url, apiKey: API_KEY, ca: pki.caCert });
    await expect(client.version.read()).resolves.toMatchObject({ major: 3, minor: 7, patch: 3 });
  });

  it('skips verification only when insecure is set explicitly', async () => {
    const client = new MaasClient({ url: server.url, apiKey: API_KEY, insecure: true });
    await expect(client.version.read()).resolves.toMatchObject({ version: '3.7.3' });
  });

  it('still refuses when the CA given is a different one', async () => {
    const other = mintPki();
    const error = await new MaasClient({
      url: server.url,
      apiKey: API_KEY,
      ca: other.caCert,
      retry: false,
    }).version
      .read()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaasConnectionError);
  });
});
