import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../cli/errors.js';
import { profilesFile } from './paths.js';

/**
 * Saved connections, one file under the config folder, mode 0600 because it holds the MAAS API key
 * and the Juju password. Names are short identifiers chosen at `edgekit login --profile NAME`.
 */
export const MaasProfileSchema = z.object({
  url: z.url(),
  apiKey: z.string().regex(/^[^:\s]+:[^:\s]+:[^:\s]+$/, 'a MAAS API key is consumer:token:secret'),
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

export const ProfilesFileSchema = z.object({
  default: z.string().optional(),
  profiles: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/), ProfileSchema).default({}),
});
export type ProfilesFile = z.infer<typeof ProfilesFileSchema>;

const EMPTY: ProfilesFile = { profiles: {} };

export async function readProfiles(env: NodeJS.ProcessEnv): Promise<ProfilesFile> {
  const file = profilesFile(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
    throw error;
  }
  const parsed = ProfilesFileSchema.safeParse(parse(text) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${file}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}; fix it or log in again`,
    );
  }
  return parsed.data;
}

/** Writes the whole file atomically, readable by the owner only (0600), in a 0700 folder. */
export async function writeProfiles(env: NodeJS.ProcessEnv, profiles: ProfilesFile): Promise<string> {
  const file = profilesFile(env);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, stringify(profiles), { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
  return file;
}

/** Merges one side (maas or juju) into a profile, creating it and making it the default if it is the first. */
export async function saveProfile(env: NodeJS.ProcessEnv, name: string, patch: Profile): Promise<string> {
  const current = await readProfiles(env);
  const profile = { ...current.profiles[name], ...patch };
  const next: ProfilesFile = {
    ...current,
    default: current.default ?? name,
    profiles: { ...current.profiles, [name]: profile },
  };
  return writeProfiles(env, next);
}
