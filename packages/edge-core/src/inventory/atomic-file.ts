import { open, rename } from 'node:fs/promises';

/**
 * Writes a file so a crash leaves either the old or the new content, never half of it: write a
 * sibling temp file, fsync it, then rename over the target.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}
