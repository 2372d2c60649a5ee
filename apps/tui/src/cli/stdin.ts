import { UsageError } from './errors.js';

/**
 * Reads a secret piped on stdin (first line, trimmed). Secrets are never taken from argv, where every
 * user of the machine can read them in the process list.
 */
export async function readSecretFromStdin(
  stdin: NodeJS.ReadStream,
  what: string,
  hint: string,
): Promise<string> {
  if (stdin.isTTY) throw new UsageError(`${what} is read from stdin or the environment, not typed: ${hint}`);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const value = Buffer.concat(chunks).toString('utf8').split('\n')[0]?.trim() ?? '';
  if (value === '') throw new UsageError(`${what} was expected on stdin and none came: ${hint}`);
  return value;
}
