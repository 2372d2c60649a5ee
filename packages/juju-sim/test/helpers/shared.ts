import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `<repo root>/../shared`: the repo root is the folder holding pnpm-workspace.yaml. */
export function sharedDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (pnpm-workspace.yaml)');
    dir = parent;
  }
  return join(dir, '..', 'shared');
}

export const jujuFixture = (...parts: string[]) => join(sharedDir(), 'fixtures', 'juju', ...parts);
