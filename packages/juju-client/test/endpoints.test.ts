import { describe, expect, it } from 'vitest';
import { checkEndpoint } from '../src/connect/dial.js';
import { JujuClient, JujuConfigError } from '../src/index.js';

const BAD = [
  'not a host:::',
  '',
  'http://x',
  'host-without-port',
  '[::1',
  'wss://',
  ':17070',
  'a b:17070',
  '%zz:1',
  'host:99999',
  'host:0',
  'host:-1',
  '\u0000:1',
];

describe('controller endpoints', () => {
  it.each(BAD)('refuses %j with a JujuConfigError naming it, before dialling', async (endpoint) => {
    const error = await JujuClient.connect({ endpoints: [endpoint], user: 'admin', password: 'pw' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JujuConfigError);
    expect((error as Error).message).toContain(
      `controller endpoint ${JSON.stringify(endpoint)} is not host:port`,
    );
  });

  it('refuses an empty endpoint list', async () => {
    await expect(JujuClient.connect({ endpoints: [], user: 'admin', password: 'pw' })).rejects.toThrow(
      /at least one controller host:port/,
    );
  });

  it.each([
    '10.0.0.1:17070',
    'juju.example.com:17070',
    '[fd00::1]:17070',
    'wss://127.0.0.1:17070',
    'ws://localhost:1234',
  ])('accepts %s', (endpoint) => {
    expect(checkEndpoint(endpoint)).toBe(endpoint);
  });
});
