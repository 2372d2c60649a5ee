import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MaasSim, startMaasSim } from '../src/index.js';
import { oauthHeader, Wire } from './support/wire.js';

let sim: MaasSim;
let wire: Wire;

beforeAll(async () => {
  sim = await startMaasSim({ seed: 3 });
  wire = new Wire(sim);
});
afterAll(() => sim.close());

/**
 * Sends only the request head (declaring a body it never sends) and resolves with the status the
 * simulator answers. An answer proves the simulator decided without waiting for the body.
 */
function headOnly(path: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const url = new URL(`${wire.api}${path}`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, text });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

describe('the simulator authenticates before it reads a body (issue 14)', () => {
  it('answers an unsigned POST declaring 50 MB with 401 before any of the body is sent', async () => {
    const res = await headOnly('/machines/?op=allocate', {
      'Content-Type': 'multipart/form-data; boundary=x',
      'Content-Length': String(50 * 1024 * 1024),
    });
    expect(res).toEqual({ status: 401, text: 'Forbidden' });
  });

  it('answers a wrongly signed POST with 401 before the body too', async () => {
    const [c, t] = sim.apiKey.split(':');
    const res = await headOnly('/machines/?op=allocate', {
      Authorization: oauthHeader(`${c}:${t}:wrong`),
      'Content-Type': 'multipart/form-data; boundary=x',
      'Content-Length': String(50 * 1024 * 1024),
    });
    expect(res).toEqual({ status: 401, text: "Authorization Error: 'Invalid signature.'" });
  });

  it('refuses a signed body above 10 MiB with 413', async () => {
    const res = await headOnly('/machines/?op=allocate', {
      Authorization: oauthHeader(sim.apiKey),
      'Content-Type': 'multipart/form-data; boundary=x',
      'Content-Length': String(10 * 1024 * 1024 + 1),
    });
    expect(res).toEqual({ status: 413, text: 'Request body too large: the limit is 10485760 bytes.' });
  });

  it('answers a malformed multipart body with 400, not 500', async () => {
    const res = await wire.raw('POST', `${wire.api}/machines/?op=allocate`, {
      body: '--nope\r\nthis is not a part\r\n',
      headers: { 'Content-Type': 'multipart/form-data; boundary=other' },
    });
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      'Malformed multipart/form-data body: check the boundary in Content-Type and the part headers.',
    );
  });
});

describe('nonces and timestamps (issue 14)', () => {
  const whoami = (authorization: string) =>
    wire.raw('GET', `${wire.api}/users/?op=whoami`, {
      sign: false,
      headers: { Authorization: authorization },
    });

  it('a forged request does not use up the nonce of the real one', async () => {
    const nonce = randomUUID();
    const [c, t] = sim.apiKey.split(':');
    const forged = await whoami(oauthHeader(`${c}:${t}:guessed`, { nonce }));
    expect(forged.status).toBe(401);
    const real = await whoami(oauthHeader(sim.apiKey, { nonce }));
    expect(real.status).toBe(200);
    const replay = await whoami(oauthHeader(sim.apiKey, { nonce }));
    expect(replay.text).toBe(`Authorization Error: 'Nonce already used: ${nonce}'`);
  });

  it('refuses hex, padded, signed and fractional timestamps with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [
      `0x${now.toString(16)}`,
      ` ${now}`,
      `${now} `,
      `+${now}`,
      `${now}.0`,
      `${now}e0`,
      '',
    ]) {
      const header = oauthHeader(sim.apiKey).replace(
        /oauth_timestamp="[^"]*"/,
        `oauth_timestamp="${timestamp}"`,
      );
      const res = await whoami(header);
      expect(res.status, timestamp).toBe(401);
      expect(res.text).toBe(
        `Authorization Error: 'Invalid timestamp: ${timestamp} (expected decimal seconds since the epoch)'`,
      );
    }
    expect((await whoami(oauthHeader(sim.apiKey, { timestamp: now }))).status).toBe(200);
  });
});
