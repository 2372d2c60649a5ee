import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MaasSim, startMaasSim } from '../src/index.js';
import { oauthHeader, Wire } from './support/wire.js';

let sim: MaasSim;
let wire: Wire;

beforeAll(async () => {
  sim = await startMaasSim({ seed: 2 });
  wire = new Wire(sim);
});
afterAll(() => sim.close());

const whoami = (headers: Record<string, string> | undefined) =>
  wire.raw('GET', `${wire.api}/users/?op=whoami`, { sign: false, ...(headers && { headers }) });

describe('OAuth 1.0 PLAINTEXT', () => {
  it('accepts quoted/percent-encoded and unquoted/raw-& headers, with or without realm', async () => {
    expect((await whoami({ Authorization: oauthHeader(sim.apiKey, { realm: 'MAAS API' }) })).status).toBe(
      200,
    );
    expect((await whoami({ Authorization: oauthHeader(sim.apiKey, { realm: 'OAuth' }) })).status).toBe(200);
    expect((await whoami({ Authorization: oauthHeader(sim.apiKey, { quoted: false }) })).status).toBe(200);
  });

  it('refuses an unknown consumer key with MAAS text', async () => {
    const [, token, secret] = sim.apiKey.split(':');
    const res = await whoami({ Authorization: oauthHeader(`nosuchconsumer:${token}:${secret}`) });
    expect(res.status).toBe(401);
    expect(res.text).toBe('Authorization Error: Invalid API key.');
    expect(res.headers.get('www-authenticate')).toContain('OAuth');
  });

  it('refuses an unknown token and a wrong secret', async () => {
    const [consumer, , secret] = sim.apiKey.split(':');
    const badToken = await whoami({ Authorization: oauthHeader(`${consumer}:nosuchtoken:${secret}`) });
    expect(badToken.status).toBe(401);
    expect(badToken.text).toBe("Authorization Error: 'Invalid access token: nosuchtoken'");
    const [c, t] = sim.apiKey.split(':');
    const badSecret = await whoami({ Authorization: oauthHeader(`${c}:${t}:wrongsecret`) });
    expect(badSecret.status).toBe(401);
    expect(badSecret.text).toBe("Authorization Error: 'Invalid signature.'");
  });

  it('refuses a replayed nonce', async () => {
    const nonce = randomUUID();
    expect((await whoami({ Authorization: oauthHeader(sim.apiKey, { nonce }) })).status).toBe(200);
    const replay = await whoami({ Authorization: oauthHeader(sim.apiKey, { nonce }) });
    expect(replay.status).toBe(401);
    expect(replay.text).toBe(`Authorization Error: 'Nonce already used: ${nonce}'`);
  });

  it('allows 300 s of clock skew and refuses more', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await whoami({ Authorization: oauthHeader(sim.apiKey, { timestamp: now - 250 }) })).status).toBe(
      200,
    );
    const old = await whoami({ Authorization: oauthHeader(sim.apiKey, { timestamp: now - 400 }) });
    expect(old.status).toBe(401);
    expect(old.text).toMatch(
      /^Authorization Error: 'Expired timestamp: given \d+ and now \d+ has a greater difference than threshold 300'$/,
    );
  });

  it('answers 400 for missing OAuth parameters and 401 "Forbidden" for an unsigned call', async () => {
    const missing = await whoami({ Authorization: 'OAuth oauth_consumer_key="x"' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('oauth_token');
    const anonymous = await whoami(undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toBe('Forbidden');
  });

  it('never echoes the token secret in an error', async () => {
    const [c, t, secret = ''] = sim.apiKey.split(':');
    const res = await whoami({ Authorization: oauthHeader(`${c}:${t}:${secret}x`) });
    expect(res.text).not.toContain(secret);
  });

  it('restricts admin operations to admins (403 text)', async () => {
    await wire.post('/users/', null, { username: 'viewer', password: 'pw-123456', email: 'v@example.com' });
    const login = await wire.raw('POST', `${sim.url}accounts/authenticate/`, {
      sign: false,
      body: new URLSearchParams({ username: 'viewer', password: 'pw-123456' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const viewer = new Wire(
      sim,
      `${login.json.consumer_key}:${login.json.token_key}:${login.json.token_secret}`,
    );
    expect((await viewer.get('/users/', { op: 'whoami' })).json).toMatchObject({
      username: 'viewer',
      is_superuser: false,
    });
    const denied = await viewer.post('/zones/', null, { name: 'nope' });
    expect(denied.status).toBe(403);
    expect(denied.text).toBe('This method is reserved for admin users.');
  });
});
