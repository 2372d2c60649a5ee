import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `<repo root>/../shared`: CI clones the repo elsewhere with shared/ beside it. */
export function sharedDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pnpm-workspace.yaml not found above the test folder');
    dir = parent;
  }
  return resolve(dir, '..', 'shared');
}

export const maasFixturesDir = (): string => join(sharedDir(), 'fixtures', 'maas');
