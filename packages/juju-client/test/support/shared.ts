import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `<repo root>/../shared`, found by walking up to the folder holding pnpm-workspace.yaml. */
export function sharedDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pnpm-workspace.yaml not found above the test folder');
    dir = parent;
  }
  return join(dir, '..', 'shared');
}

export function jujuFixture(...parts: string[]): string {
  return join(sharedDir(), 'fixtures', 'juju', ...parts);
}

export function readJujuJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(jujuFixture(...parts), 'utf8')) as T;
}

export interface SchemaFacade {
  Name: string;
  Version: number;
  Schema: {
    properties: Record<string, { properties?: Record<string, { $ref?: string }> }>;
    definitions?: object;
  };
}

export const SCHEMA_FILES = { '3.6': 'schema-3.6.14.json', '4.0': 'schema.json' } as const;

export function loadSchema(version: keyof typeof SCHEMA_FILES): SchemaFacade[] {
  return readJujuJson<SchemaFacade[]>(SCHEMA_FILES[version]);
}
