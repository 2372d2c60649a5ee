import { open, rename, rm, stat } from 'node:fs/promises';
import { InputFileError } from '../plan/errors.js';

/**
 * Writes a file so a crash leaves either the old or the new content, never half of it: write a
 * sibling temp file, fsync it, then rename over the target.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  if ((await stat(path).catch(() => undefined))?.isDirectory()) {
    throw new InputFileError(`${path} is a folder: name a file, for example ${path}/plan.yaml`);
  }
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  // A failed rename (the target became a folder, a read-only mount) must not leave the temp file behind.
  await rename(temp, path).catch(async (error: unknown) => {
    await rm(temp, { force: true });
    throw error;
  });
}
