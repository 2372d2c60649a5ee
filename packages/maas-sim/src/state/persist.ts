import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { simError } from '../errors.js';
import type { SiteData } from './model.js';

/** Writes the site atomically: a temporary file beside the target, then rename over it. */
export function saveSite(file: string, data: SiteData): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(data));
  renameSync(temp, file);
}

/** Loads a saved site, or undefined when the file does not exist yet. */
export function loadSite(file: string): SiteData | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw simError(
      'persist-failed',
      `Cannot read the saved site ${file}: ${(error as Error).message}. Delete it to start afresh.`,
    );
  }
  const data = parsed as Partial<SiteData>;
  if (data.formatVersion !== 1 || !Array.isArray(data.machines)) {
    throw simError(
      'persist-failed',
      `${file} is not a maas-sim site file (formatVersion 1). Delete it to start afresh.`,
    );
  }
  return parsed as SiteData;
}
