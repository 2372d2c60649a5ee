import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import * as z from 'zod';
import { createMaasError } from '../errors/factory.js';

/**
 * Reads `~/.maascli.db`, the SQLite file `maas login` writes (src/maascli/config.py: table
 * `profiles(id, name UNIQUE, data)` with `data` = JSON `{name, url, credentials: [ck, tk, ts] | null,
 * cacerts: PEM | null, description}`).
 *
 * Why sql.js: it is SQLite compiled to WebAssembly and shipped inside the npm package, so it installs on a
 * fresh machine with no download at install time, no compiler and no native addon (unlike better-sqlite3 or
 * sqlite3), and works on any Node version and CPU. The file is read into memory and never written.
 */
export interface MaasCliProfile {
  name: string;
  /** API URL as stored by the CLI, e.g. `http://10.0.0.2:5240/MAAS/api/2.0/`. */
  url: string;
  apiKey: string | undefined;
  /** PEM stored by `maas login --cacerts`. */
  ca: string | undefined;
}

const ProfileDataSchema = z.looseObject({
  url: z.string(),
  credentials: z.array(z.string()).length(3).nullable().optional(),
  cacerts: z.string().nullable().optional(),
});

export function defaultMaasCliDbPath(home: string = homedir()): string {
  return join(home, '.maascli.db');
}

/** All profiles in a MAAS CLI database; `undefined` when the file does not exist. */
export async function readMaasCliProfiles(
  path: string = defaultMaasCliDbPath(),
): Promise<MaasCliProfile[] | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw createMaasError.config(`Cannot read the MAAS CLI profiles at ${path}: ${(error as Error).message}`);
  }
  // Loaded only when there is a file to read: sql.js's Emscripten loader is ~9 ms to require (in a worker
  // thread, 3 runs), which every importer of the client paid at import, with or without a ~/.maascli.db.
  const { default: initSqlJs } = await import('sql.js');
  const SQL = await initSqlJs();
  let db: Database | undefined;
  try {
    db = new SQL.Database(new Uint8Array(bytes));
    const [result] = db.exec('SELECT name, data FROM profiles ORDER BY id');
    const profiles: MaasCliProfile[] = [];
    for (const [name, data] of result?.values ?? []) {
      const text = data instanceof Uint8Array ? new TextDecoder().decode(data) : String(data);
      const parsed = ProfileDataSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        throw createMaasError.config(
          `MAAS CLI profile "${String(name)}" in ${path} has no usable url/credentials.`,
        );
      }
      profiles.push({
        name: String(name),
        url: parsed.data.url,
        apiKey: parsed.data.credentials ? parsed.data.credentials.join(':') : undefined,
        ca: parsed.data.cacerts ?? undefined,
      });
    }
    return profiles;
  } catch (error) {
    if (error instanceof Error && error.name === 'MaasConfigError') throw error;
    throw createMaasError.config(
      `${path} is not a MAAS CLI profile database (${(error as Error).message}); run "maas login <profile> <url> <key>".`,
    );
  } finally {
    db?.close();
  }
}
