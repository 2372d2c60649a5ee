import {
  type JujuProfile,
  JujuProfileSchema,
  type MaasProfile,
  MaasProfileSchema,
  type Profile,
  type ProfilesFile,
  ProfilesFileError,
  profilesPath,
  readProfiles as readStore,
  saveProfile as saveToStore,
} from '@edgekit/common';
import { UsageError } from '../cli/errors.js';

/**
 * Saved connections: the one profile store of `@edgekit/common` (`profiles.json` in the config folder,
 * 0600, shared with `MaasClient.fromConfig`), with its errors as usage errors (exit 2).
 */
export {
  type JujuProfile,
  JujuProfileSchema,
  type MaasProfile,
  MaasProfileSchema,
  type Profile,
  type ProfilesFile,
};

async function asUsageErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProfilesFileError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

export async function readProfiles(env: NodeJS.ProcessEnv): Promise<ProfilesFile> {
  return (await asUsageErrors(() => readStore(profilesPath(env)))) ?? { version: 1, profiles: {} };
}

/** Merges one side (maas or juju) into a profile, creating it and making it the default if it is the first. */
export function saveProfile(env: NodeJS.ProcessEnv, name: string, patch: Profile): Promise<string> {
  return asUsageErrors(() => saveToStore(profilesPath(env), name, patch));
}
