import {
  type MaasProfile,
  MaasProfileSchema,
  type ProfilesFile,
  ProfilesFileError,
  profilesPath,
  readProfiles,
  saveProfile,
} from '@edgekit/common';
import { createMaasError } from '../errors/factory.js';

/**
 * edgekit's saved connections (the file `edgekit login` writes, shared with the CLI and the TUI): the MAAS
 * side of each profile. The store itself (format, 0600 permission checks, atomic writes) lives in one
 * place, `@edgekit/common`; here its errors become `MaasConfigError`s.
 */
export const EdgekitProfileSchema = MaasProfileSchema;
export type EdgekitProfile = MaasProfile;
export type EdgekitProfilesFile = ProfilesFile;

/** `profiles.json` in edgekit's config folder (EDGEKIT_CONFIG_DIR, else XDG_CONFIG_HOME/edgekit, else ~/.config/edgekit). */
export function defaultProfilesPath(env: NodeJS.ProcessEnv = process.env): string {
  return profilesPath(env);
}

async function asConfigErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProfilesFileError) throw createMaasError.config(`${error.message}.`);
    throw error;
  }
}

/** Reads the profiles file; `undefined` when absent. Refuses a file others can read. */
export function readProfilesFile(
  path: string = defaultProfilesPath(),
): Promise<EdgekitProfilesFile | undefined> {
  return asConfigErrors(() => readProfiles(path));
}

/** Adds or replaces the MAAS side of a profile; creates the file with mode 0600 (directory 0700), atomically. */
export function saveMaasProfile(
  name: string,
  profile: EdgekitProfile,
  options: { path?: string; makeDefault?: boolean } = {},
): Promise<string> {
  return asConfigErrors(() =>
    saveProfile(
      options.path ?? defaultProfilesPath(),
      name,
      { maas: EdgekitProfileSchema.parse(profile) },
      {
        ...(options.makeDefault === undefined ? {} : { makeDefault: options.makeDefault }),
      },
    ),
  );
}
