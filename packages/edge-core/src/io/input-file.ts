import { open, stat } from 'node:fs/promises';
import { InputFileError } from '../plan/errors.js';

/**
 * The largest document edgekit reads (plans, workloads, bundles, snapshots, placement problems). A plan of a
 * thousand VMs is well under 2 MiB; the cap keeps a wrong path (a device, a log) from eating memory.
 */
export const MAX_INPUT_BYTES = 32 * 2 ** 20;

/**
 * The one way edgekit reads an input document: a regular file (not a device, FIFO or folder, which could
 * block or never end), at most `maxBytes`, as UTF-8. Every problem is an InputFileError naming the path.
 */
export async function readInputFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<string> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new InputFileError(`${path}: ${describeFsError(cause)}`, { cause });
  }
  if (info.isDirectory()) throw new InputFileError(`${path} is a folder, not a file`);
  if (!info.isFile()) throw new InputFileError(`${path} is not a regular file (a device, pipe or socket)`);
  if (info.size > maxBytes) {
    throw new InputFileError(
      `${path} is ${info.size} bytes, over the ${maxBytes}-byte limit for an input file`,
    );
  }
  const handle = await open(path, 'r').catch((cause: unknown) => {
    throw new InputFileError(`${path}: ${describeFsError(cause)}`, { cause });
  });
  try {
    // Read at most one byte past the limit: a file that grew since stat() is still refused, not buffered.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) throw new InputFileError(`${path} grew past the ${maxBytes}-byte input limit`);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}
