import { readFileSync } from 'node:fs';
import { fixturePath } from '@edgekit/fixtures';

export function jujuFixture(...parts: string[]): string {
  return fixturePath('juju', ...parts);
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
