import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveMaasConfig } from '@edgekit/maas-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/errors.js';
import { readProfiles, saveProfile } from '../src/config/profiles.js';
import { chooseSite } from '../src/site/choose.js';

const KEY = 'consumerkey1:tokenkey12345:tokensecret67890';

describe('profiles and site selection', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgekit-profiles-'));
    // No HOME juju store: point everything at the empty temporary folder.
    env = { EDGEKIT_CONFIG_DIR: join(dir, 'config'), HOME: dir };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('saves profiles readable by the owner only, first one as default', async () => {
    const file = await saveProfile(env, 'lab', { maas: { url: 'http://10.0.0.2:5240/MAAS/', apiKey: KEY } });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'config'))).mode & 0o777).toBe(0o700);
    await saveProfile(env, 'edge', { maas: { url: 'http://10.0.0.3:5240/MAAS/', apiKey: KEY } });
    const profiles = await readProfiles(env);
    expect(profiles.default).toBe('lab');
    expect(Object.keys(profiles.profiles)).toEqual(['lab', 'edge']);
  });

  it('chooses the demo when nothing is configured', async () => {
    expect(await chooseSite({}, env)).toEqual({ kind: 'demo' });
  });

  it('prefers --demo, then MAAS_URL, then --profile, then the default profile', async () => {
    await saveProfile(env, 'lab', { maas: { url: 'http://10.0.0.2:5240/MAAS/', apiKey: KEY } });
    await saveProfile(env, 'edge', { maas: { url: 'http://10.0.0.3:5240/MAAS/', apiKey: KEY } });
    const withUrl = { ...env, MAAS_URL: 'http://10.9.9.9:5240/MAAS/', MAAS_API_KEY: KEY };
    expect(await chooseSite({ demo: true }, withUrl)).toEqual({ kind: 'demo' });
    expect(await chooseSite({}, withUrl)).toMatchObject({
      kind: 'real',
      label: 'http://10.9.9.9:5240/MAAS/',
    });
    expect(await chooseSite({ profile: 'edge' }, env)).toMatchObject({ kind: 'real', label: 'profile edge' });
    expect(await chooseSite({}, env)).toMatchObject({ kind: 'real', label: 'profile lab', juju: null });
  });

  it('explains what is missing, without echoing the key', async () => {
    await expect(chooseSite({}, { ...env, MAAS_URL: 'http://10.0.0.2/MAAS/' })).rejects.toThrow(
      /MAAS_API_KEY is not/,
    );
    const bad = chooseSite(
      {},
      { ...env, MAAS_URL: 'http://10.0.0.2/MAAS/', MAAS_API_KEY: 'not-a-key-secret' },
    );
    await expect(bad).rejects.toBeInstanceOf(UsageError);
    await expect(bad).rejects.toThrow(/MAAS_API_KEY: a MAAS API key is consumer:token:secret/);
    await expect(bad).rejects.not.toThrow(/not-a-key-secret/);
    await expect(chooseSite({ profile: 'nope' }, env)).rejects.toThrow(
      /no profile "nope".*edgekit login maas --profile nope/,
    );
  });

  it('rejects a damaged profiles file with the path and the field', async () => {
    await saveProfile(env, 'lab', { maas: { url: 'http://10.0.0.2:5240/MAAS/', apiKey: KEY } });
    const file = join(dir, 'config', 'profiles.json');
    await writeFile(file, JSON.stringify({ version: 1, profiles: { lab: { maas: { url: 'nope' } } } }), {
      mode: 0o600,
    });
    await expect(readProfiles(env)).rejects.toThrow(/profiles\.json: profiles\.lab\.maas\.url/);
    await writeFile(file, '{ not json', { mode: 0o600 });
    await expect(readProfiles(env)).rejects.toThrow(/profiles\.json is not valid JSON/);
  });

  it('refuses a profiles file others can read, and never writes one', async () => {
    const file = await saveProfile(env, 'lab', { maas: { url: 'http://10.0.0.2:5240/MAAS/', apiKey: KEY } });
    await chmod(file, 0o644);
    await expect(readProfiles(env)).rejects.toThrow(/others can read it \(mode 644\); run "chmod 600/);
    await expect(
      saveProfile(env, 'edge', { maas: { url: 'http://10.0.0.3:5240/MAAS/', apiKey: KEY } }),
    ).rejects.toBeInstanceOf(UsageError);
  });

  it('is the same store MaasClient.fromConfig reads (one file, one format)', async () => {
    await saveProfile(env, 'lab', {
      maas: { url: 'http://10.0.0.2:5240/MAAS/', apiKey: KEY },
      juju: { endpoints: ['10.0.0.9:17070'], user: 'admin', password: 'pw-secret' },
    });
    const resolved = await resolveMaasConfig({ env, maascliDbPath: join(dir, 'no-maascli.db') });
    expect(resolved).toMatchObject({
      source: 'edgekit-profile',
      profile: 'lab',
      url: 'http://10.0.0.2:5240/MAAS/',
    });
  });
});
