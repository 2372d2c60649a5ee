import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * edgekit's config folder: EDGEKIT_CONFIG_DIR, else $XDG_CONFIG_HOME/edgekit, else ~/.config/edgekit
 * (the XDG default, also used on macOS by most CLIs of this kind).
 */
export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.EDGEKIT_CONFIG_DIR) return env.EDGEKIT_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'edgekit');
}

export function profilesFile(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), 'profiles.yaml');
}
