import { basename } from 'node:path';

/**
 * A file name made from a document's own text (a plan's name, say): one path segment of safe characters,
 * so a name like `../../x` or `/etc/cron.d/x` cannot write outside the folder the operator chose.
 */
export function fileNameFrom(text: string, fallback = 'plan'): string {
  const safe = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 100);
  // basename() is a second guard: whatever the rule above lets through stays a single segment.
  const name = basename(safe);
  return name === '' || name === '.' || name === '..' ? fallback : name;
}
