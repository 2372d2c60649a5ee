import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import initSqlJs from 'sql.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MaasClient,
  MaasConfigError,
  normaliseMaasUrl,
  readMaasCliProfiles,
  readProfilesFile,
  resolveMaasConfig,
  saveMaasProfile,
} from '../src/index.js';
import { API_KEY, type Loopback, startLoopback, TOKEN_SECRET } from './support/loopback.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'maas-config-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Writes a real SQLite file with the schema `maas login` creates (src/maascli/config.py). */
async function writeMaasCliDb(path: string, profiles: Record<string, unknown>[]): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(
    'CREATE TABLE IF NOT EXISTS profiles (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB)',
  );
  for (const profile of profiles) {
    db.run('INSERT INTO profiles (name, data) VALUES (?, ?)', [
      String(profile.name),
      JSON.stringify(profile),
    ]);
  }
  await writeFile(path, db.export());
  db.close();
}

const cliProfile = (name: string, key: string | null, cacerts: string | null = null) => ({
  name,
  url: `http://${name}.example:5240/MAAS/api/2.0/`,
  credentials: key ? key.split(':') : null,
  cacerts,
  description: { doc: 'MAAS API', handlers: [], resources: [] },
});

describe('normaliseMaasUrl', () => {
  it.each([
    ['10.0.0.2:5240', 'http://10.0.0.2:5240/MAAS/'],
    ['http://10.0.0.2:5240', 'http://10.0.0.2:5240/MAAS/'],
    ['http://10.0.0.2:5240/MAAS', 'http://10.0.0.2:5240/MAAS/'],
    ['https://maas.example/MAAS/', 'https://maas.example/MAAS/'],
    ['http://maas:5240/MAAS/api/2.0/', 'http://maas:5240/MAAS/'],
    ['https://proxy.example/tenant-a/maas/api/2.0', 'https://proxy.example/tenant-a/maas/'],
  ])('%s -> %s', (input, site) => {
    expect(normaliseMaasUrl(input)).toEqual({ siteUrl: site, apiUrl: `${site}api/2.0/` });
  });

  it('rejects credentials and queries in the URL', () => {
    expect(() => normaliseMaasUrl('http://u:p@maas/MAAS/')).toThrow(/credentials/);
    expect(() => normaliseMaasUrl('http://maas/MAAS/?op=x')).toThrow(/query/);
    expect(() => normaliseMaasUrl('')).toThrow(MaasConfigError);
  });
});

describe('resolveMaasConfig', () => {
  const paths = () => ({
    maascliDbPath: join(dir, '.maascli.db'),
    profilesPath: join(dir, 'cfg', 'profiles.json'),
  });

  it('prefers explicit options over everything else', async () => {
    const resolved = await resolveMaasConfig({
      ...paths(),
      url: 'http://explicit:5240/MAAS/',
      apiKey: API_KEY,
      env: { MAAS_URL: 'http://env/', MAAS_API_KEY: 'a:b:c' },
    });
    expect(resolved).toMatchObject({ url: 'http://explicit:5240/MAAS/', source: 'explicit' });
  });

  it('reads MAAS_URL + MAAS_API_KEY, then the terraform provider variables with MAAS_API_CACERT', async () => {
    expect(
      await resolveMaasConfig({
        ...paths(),
        env: { MAAS_URL: 'http://env:5240/MAAS/', MAAS_API_KEY: API_KEY },
      }),
    ).toMatchObject({ url: 'http://env:5240/MAAS/', apiKey: API_KEY, source: 'env' });
    const caPath = join(dir, 'ca.pem');
    await writeFile(caPath, '-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n');
    const tf = await resolveMaasConfig({
      ...paths(),
      env: { MAAS_API_URL: 'https://tf:5443/MAAS', MAAS_API_KEY: API_KEY, MAAS_API_CACERT: caPath },
    });
    expect(tf).toMatchObject({
      url: 'https://tf:5443/MAAS',
      source: 'env',
      ca: expect.stringContaining('TEST'),
    });
    await expect(
      resolveMaasConfig({
        ...paths(),
        env: { MAAS_API_URL: 'https://tf/', MAAS_API_KEY: API_KEY, MAAS_API_CACERT: join(dir, 'nope') },
      }),
    ).rejects.toThrow(/MAAS_API_CACERT/);
  });

  it('reads a named profile from a real ~/.maascli.db with sql.js', async () => {
    const { maascliDbPath } = paths();
    await writeMaasCliDb(maascliDbPath, [
      cliProfile('lab', API_KEY, 'PEM-LAB'),
      cliProfile('anon', null),
      cliProfile('prod', 'x:y:z'),
    ]);
    expect((await readMaasCliProfiles(maascliDbPath))?.map((p) => p.name)).toEqual(['lab', 'anon', 'prod']);
    const lab = await resolveMaasConfig({ ...paths(), env: {}, profile: 'lab' });
    expect(lab).toMatchObject({
      url: 'http://lab.example:5240/MAAS/api/2.0/',
      apiKey: API_KEY,
      ca: 'PEM-LAB',
      source: 'maascli',
      profile: 'lab',
    });
    // Several profiles and no name: ambiguous, so the next source is tried (and here nothing else exists).
    await expect(resolveMaasConfig({ ...paths(), env: {} })).rejects.toThrow(/No MAAS connection configured/);
    // MAAS_PROFILE picks one too; a client built from it targets the right API root.
    const client = await MaasClient.fromConfig({ ...paths(), env: { MAAS_PROFILE: 'prod' } });
    expect(client.apiUrl).toBe('http://prod.example:5240/MAAS/api/2.0/');
  });

  it('rejects a file that is not a MAAS CLI database', async () => {
    const { maascliDbPath } = paths();
    await writeFile(maascliDbPath, 'not sqlite at all');
    await expect(resolveMaasConfig({ ...paths(), env: {}, profile: 'lab' })).rejects.toThrow(
      /not a MAAS CLI profile database/,
    );
  });

  it('saves edgekit profiles with mode 0600 and reads them back as the last source', async () => {
    const { profilesPath } = paths();
    await saveMaasProfile('edge', { url: 'http://edge:5240/MAAS/', apiKey: API_KEY }, { path: profilesPath });
    await saveMaasProfile(
      'other',
      { url: 'http://other:5240/MAAS/', apiKey: 'a:b:c', insecure: true },
      { path: profilesPath },
    );
    expect((await stat(profilesPath)).mode & 0o777).toBe(0o600);
    expect((await readProfilesFile(profilesPath))?.default).toBe('edge');
    expect(await resolveMaasConfig({ ...paths(), env: {} })).toMatchObject({
      source: 'edgekit-profile',
      profile: 'edge',
    });
    expect(await resolveMaasConfig({ ...paths(), env: {}, profile: 'other' })).toMatchObject({
      insecure: true,
      profile: 'other',
    });
    expect(JSON.parse(await readFile(profilesPath, 'utf8')).profiles.edge.maas.apiKey).toBe(API_KEY);
  });

  it('refuses a profiles file others can read', async () => {
    const { profilesPath } = paths();
    await saveMaasProfile('edge', { url: 'http://edge/', apiKey: API_KEY }, { path: profilesPath });
    await chmod(profilesPath, 0o644);
    await expect(resolveMaasConfig({ ...paths(), env: {} })).rejects.toThrow(/chmod 600/);
  });

  it('never shows the key when the resolved settings are inspected', async () => {
    const resolved = await resolveMaasConfig({
      ...paths(),
      env: { MAAS_URL: 'http://env/', MAAS_API_KEY: API_KEY },
    });
    expect(inspect(resolved)).not.toContain(TOKEN_SECRET);
  });
});

describe('MaasClient.login', () => {
  let server: Loopback;
  beforeEach(async () => {
    server = await startLoopback();
  });
  afterEach(() => server.close());

  it('exchanges username and password at /MAAS/accounts/authenticate/ for a working API key', async () => {
    server.queue = [
      () => ({
        body: { consumer_key: 'ck1234', token_key: 'tk5678', token_secret: 'ts9012', name: 'edgekit' },
      }),
    ];
    server.fallback = () => ({
      body: { username: 'admin', email: null, is_superuser: true, resource_uri: '/u/' },
    });
    const apiKey = await MaasClient.login(server.url.replace(/MAAS\/$/, ''), 'admin', 'pw&=secret', {
      consumer: 'edgekit',
    });
    expect(apiKey).toBe('ck1234:tk5678:ts9012');
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/MAAS/accounts/authenticate/');
    expect(req.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(req.body.toString()))).toEqual({
      username: 'admin',
      password: 'pw&=secret',
      consumer: 'edgekit',
    });
    const me = await new MaasClient({ url: server.url, apiKey }).users.whoami();
    expect(me.username).toBe('admin');
    expect(server.requests[1]!.headers.authorization).toContain('oauth_token="tk5678"');
  });
});
