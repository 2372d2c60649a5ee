import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import type { ErrorKind } from './error-kind.js';
import { EdgekitError } from './errors.js';
import { issuesLine } from './zod-issues.js';

/**
 * The one store of saved connections: `profiles.json` in edgekit's config folder, written by `edgekit
 * login` and `saveMaasProfile`, read by the CLI, the TUI and `MaasClient.fromConfig`. It holds API keys
 * and passwords, so it is written 0600 in a 0700 folder and refused, on read and before a write, when
 * anyone but its owner can read it. Callers turn `ProfilesFileError` into their own error idiom.
 */
export class ProfilesFileError extends EdgekitError {
  override name = 'ProfilesFileError';
  static override readonly kind: ErrorKind = 'usage';
}

export const MaasProfileSchema = z.object({
  url: z.url(),
  apiKey: z.string().regex(/^[^:\s]+:[^:\s]+:[^:\s]+$/, 'a MAAS API key is consumer:token:secret'),
  /** PEM CA bundle to trust. */
  ca: z.string().optional(),
  /** Or a file holding it, read at connect time. */
  caCertFile: z.string().optional(),
  insecure: z.boolean().optional(),
});
export type MaasProfile = z.infer<typeof MaasProfileSchema>;

export const JujuProfileSchema = z.object({
  endpoints: z.array(z.string().min(1)).min(1),
  user: z.string().min(1),
  password: z.string().min(1),
  caCert: z.string().optional(),
  model: z.string().optional(),
});
export type JujuProfile = z.infer<typeof JujuProfileSchema>;

export const ProfileSchema = z.object({
  maas: MaasProfileSchema.optional(),
  juju: JujuProfileSchema.optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const PROFILE_NAME = /^[A-Za-z0-9_.-]{1,40}$/;

export const ProfilesFileSchema = z.object({
  version: z.literal(1),
  default: z.string().optional(),
  profiles: z.record(
    z.string().regex(PROFILE_NAME, 'a profile name is 1-40 letters, digits, . _ -'),
    ProfileSchema,
  ),
});
export type ProfilesFile = z.infer<typeof ProfilesFileSchema>;

/**
 * edgekit's config folder: EDGEKIT_CONFIG_DIR, else %APPDATA%\edgekit on Windows, else
 * $XDG_CONFIG_HOME/edgekit, else ~/.config/edgekit (the XDG default, also used on macOS by CLIs of this kind).
 */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EDGEKIT_CONFIG_DIR) return env.EDGEKIT_CONFIG_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'edgekit');
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'edgekit');
}

export function profilesPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'profiles.json');
}

/** Refuses a file others can read (or write): it holds credentials. */
async function checkPrivate(path: string): Promise<boolean> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new ProfilesFileError(`${path}: ${(error as Error).message}`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new ProfilesFileError(
      `${path} holds credentials but others can read it (mode ${(mode & 0o777).toString(8)}); run "chmod 600 ${path}"`,
    );
  }
  return true;
}

/** The saved profiles; `undefined` when there is no file yet. */
export async function readProfiles(path: string): Promise<ProfilesFile | undefined> {
  if (!(await checkPrivate(path))) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ProfilesFileError(
      `${path} is not valid JSON (${(error as Error).message}); fix it or delete it`,
    );
  }
  const parsed = ProfilesFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProfilesFileError(`${path}: ${issuesLine(parsed.error.issues)}; fix it or log in again`);
  }
  return parsed.data;
}

/**
 * Merges one side (maas or juju, or both) into a profile and writes the whole file atomically, 0600 in
 * a 0700 folder. The first profile saved becomes the default (or any, with `makeDefault`).
 */
export async function saveProfile(
  path: string,
  name: string,
  patch: Profile,
  options: { makeDefault?: boolean } = {},
): Promise<string> {
  if (!PROFILE_NAME.test(name)) {
    throw new ProfilesFileError(`profile name "${name}" is not 1-40 letters, digits, . _ -`);
  }
  const current = (await readProfiles(path)) ?? { version: 1 as const, profiles: {} };
  const profile = ProfileSchema.parse({ ...current.profiles[name], ...patch });
  const next: ProfilesFile = {
    ...current,
    profiles: { ...current.profiles, [name]: profile },
    default: options.makeDefault || current.default === undefined ? name : current.default,
  };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
  return path;
}
