import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { REDACTED } from '@edgekit/common';
import { createMaasError } from '../errors/factory.js';
import { defaultMaasCliDbPath, readMaasCliProfiles } from './maascli-db.js';
import { defaultProfilesPath, readProfilesFile } from './profiles-file.js';

export type MaasConfigSource = 'explicit' | 'env' | 'maascli' | 'edgekit-profile';

export interface ResolvedMaasConfig {
  url: string;
  apiKey: string;
  ca?: string | undefined;
  insecure?: boolean | undefined;
  /** Where url/apiKey came from. */
  source: MaasConfigSource;
  /** Profile name when the source is a profile. */
  profile?: string;
}

export interface ResolveMaasConfigOptions {
  /** Explicit values; complete ones win, partial ones override fields of the source found. */
  url?: string | undefined;
  apiKey?: string | undefined;
  ca?: string | undefined;
  insecure?: boolean | undefined;
  /** Profile name for the MAAS CLI database or the edgekit profiles file (default: env `MAAS_PROFILE`). */
  profile?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  maascliDbPath?: string | undefined;
  profilesPath?: string | undefined;
}

type Found = Omit<ResolvedMaasConfig, 'source'> & { source: MaasConfigSource };

/** Picks the named profile, or the only one / the marked default when no name is given. */
function pick<T extends { name: string }>(
  items: T[],
  name: string | undefined,
  fallback?: string,
): T | undefined {
  if (name !== undefined) return items.find((p) => p.name === name);
  if (fallback !== undefined) return items.find((p) => p.name === fallback);
  return items.length === 1 ? items[0] : undefined;
}

async function fromEnv(env: NodeJS.ProcessEnv): Promise<Found | undefined> {
  // Our own names first, then the terraform provider's (MAAS_API_URL, MAAS_API_KEY, MAAS_API_CACERT).
  const url = env.MAAS_URL || env.MAAS_API_URL;
  const apiKey = env.MAAS_API_KEY;
  if (!url || !apiKey) return undefined;
  const caPath = env.MAAS_API_CACERT;
  let ca: string | undefined;
  if (caPath) {
    try {
      ca = await readFile(caPath, 'utf8');
    } catch (error) {
      throw createMaasError.config(
        `MAAS_API_CACERT points at ${caPath}, which cannot be read: ${(error as Error).message}`,
      );
    }
  }
  return { url, apiKey, ...(ca !== undefined ? { ca } : {}), source: 'env' };
}

async function fromMaasCli(path: string, name: string | undefined): Promise<Found | undefined> {
  const profiles = await readMaasCliProfiles(path);
  const profile = profiles && pick(profiles, name);
  if (!profile?.apiKey) return undefined;
  return {
    url: profile.url,
    apiKey: profile.apiKey,
    ...(profile.ca ? { ca: profile.ca } : {}),
    source: 'maascli',
    profile: profile.name,
  };
}

async function fromProfilesFile(path: string, name: string | undefined): Promise<Found | undefined> {
  const file = await readProfilesFile(path);
  if (!file) return undefined;
  // Only profiles with a MAAS side count (a profile may hold only a Juju controller).
  const entries = Object.entries(file.profiles).flatMap(([profileName, p]) =>
    p.maas === undefined ? [] : [{ name: profileName, ...p.maas }],
  );
  const profile = pick(entries, name, name === undefined ? file.default : undefined);
  if (!profile) return undefined;
  const { name: profileName, caCertFile, ...rest } = profile;
  const ca =
    rest.ca ??
    (caCertFile === undefined ? undefined : await readCaFile(caCertFile, `profile ${profileName}`));
  return { ...rest, ...(ca === undefined ? {} : { ca }), source: 'edgekit-profile', profile: profileName };
}

async function readCaFile(path: string, owner: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw createMaasError.config(`${owner}: its CA file ${path} cannot be read: ${(error as Error).message}`);
  }
}

/**
 * Finds MAAS connection settings, in this order: explicit options; environment (`MAAS_URL` + `MAAS_API_KEY`,
 * or terraform's `MAAS_API_URL` + `MAAS_API_KEY` with `MAAS_API_CACERT`); a MAAS CLI profile in
 * `~/.maascli.db`; edgekit's own profiles file. The API key is never part of any error message.
 */
export async function resolveMaasConfig(options: ResolveMaasConfigOptions = {}): Promise<ResolvedMaasConfig> {
  const env = options.env ?? process.env;
  const name = options.profile ?? (env.MAAS_PROFILE || undefined);
  const maascliDbPath = options.maascliDbPath ?? defaultMaasCliDbPath();
  const profilesPath = options.profilesPath ?? defaultProfilesPath(env);
  let found: Found | undefined;
  if (options.url && options.apiKey) {
    found = { url: options.url, apiKey: options.apiKey, source: 'explicit' };
  } else {
    found =
      (name === undefined ? await fromEnv(env) : undefined) ??
      (await fromMaasCli(maascliDbPath, name)) ??
      (await fromProfilesFile(profilesPath, name)) ??
      (name !== undefined ? await fromEnv(env) : undefined);
  }
  if (!found) {
    const wanted = name !== undefined ? `a profile named "${name}"` : 'a single or default profile';
    throw createMaasError.config(
      `No MAAS connection configured. Tried: explicit url+apiKey; MAAS_URL/MAAS_API_URL with MAAS_API_KEY; ${wanted} in ${maascliDbPath} (maas login) and in ${profilesPath} (edgekit login).`,
    );
  }
  const resolved: ResolvedMaasConfig = {
    ...found,
    ...(options.url ? { url: options.url } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.insecure !== undefined ? { insecure: options.insecure } : {}),
  };
  // Keep the key out of console.log / inspect of the resolved settings.
  Object.defineProperty(resolved, inspect.custom, {
    value: () =>
      `ResolvedMaasConfig { url: '${resolved.url}', source: '${resolved.source}', apiKey: '${REDACTED}' }`,
    enumerable: false,
  });
  return resolved;
}
