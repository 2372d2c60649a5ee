import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plan } from '@edgekit/edge-core';
import { fileNameFrom } from './file-name.js';

export interface JujuFiles {
  bundle: string;
  overlay: string;
  /** The command that deploys them, from the folder they are in. */
  deploy: string;
}

/**
 * Writes a plan's Juju bundle and its machine-placement overlay as `<base>.bundle.yaml` and
 * `<base>.overlay.yaml` in `dir`: what an operator deploys by hand with `juju deploy`.
 */
export async function writeJujuFiles(plan: Plan, dir: string, name: string = plan.name): Promise<JujuFiles> {
  const base = fileNameFrom(name);
  const { bundle, overlay } = plan.outputs.juju;
  const files = { bundle: join(dir, `${base}.bundle.yaml`), overlay: join(dir, `${base}.overlay.yaml`) };
  await writeFile(files.bundle, bundle);
  await writeFile(files.overlay, overlay);
  return { ...files, deploy: `juju deploy ./${base}.bundle.yaml --overlay ./${base}.overlay.yaml` };
}
