import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { createMaasError } from '../errors/factory.js';

/**
 * edgekit's own MAAS profiles: a JSON file under the user's config directory, readable by the owner only
 * (mode 0600, like ~/.ssh keys), because it holds API keys.
 */
export const EdgekitProfileSchema = z.object({
  url: z.string(),
  apiKey: z.string(),
  /** PEM CA bundle. */
  ca: z.string().optional(),
  insecure: z.boolean().optional(),
});
export type EdgekitProfile = z.infer<typeof EdgekitProfileSchema>;

const ProfilesFileSchema = z.object({
  version: z.literal(1),
  default: z.string().optional(),
  profiles: z.record(z.string(), EdgekitProfileSchema),
});
export type EdgekitProfilesFile = z.infer<typeof ProfilesFileSchema>;

export function defaultProfilesPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'edgekit', 'maas-profiles.json');
  const base = env.XDG_CONFIG_HOME || join(home, '.config');
  return join(base, 'edgekit', 'maas-profiles.json');
}

/** Reads the profiles file; `undefined` when absent. Refuses a file others can read. */
export async function readProfilesFile(
  path: string = defaultProfilesPath(),
): Promise<EdgekitProfilesFile | undefined> {
  let text: string;
  try {
    const info = await stat(path);
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      throw createMaasError.config(
        `${path} holds API keys but is readable by others (mode ${(info.mode & 0o777).toString(8)}); run "chmod 600 ${path}".`,
      );
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw createMaasError.config(`${path} is not valid JSON; fix or delete it.`);
  }
  const parsed = ProfilesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw createMaasError.config(
      `${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  return parsed.data;
}

/** Adds or replaces a profile; creates the file with mode 0600 (directory 0700) and writes atomically. */
export async function saveMaasProfile(
  name: string,
  profile: EdgekitProfile,
  options: { path?: string; makeDefault?: boolean } = {},
): Promise<string> {
  const path = options.path ?? defaultProfilesPath();
  const current = (await readProfilesFile(path)) ?? { version: 1 as const, profiles: {} };
  const next: EdgekitProfilesFile = {
    ...current,
    profiles: { ...current.profiles, [name]: EdgekitProfileSchema.parse(profile) },
    ...(options.makeDefault || !current.default ? { default: name } : {}),
  };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
  return path;
}
