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

/**
 * Asks a yes/no question on the terminal (stderr, so stdout stays the result). Only on a terminal: with
 * stdin from a pipe or /dev/null there is nobody to answer, and the caller says to pass --yes.
 */
export async function confirmOnTerminal(
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
  question: string,
  signal: AbortSignal,
): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: stdin, output: stderr });
  try {
    const answer = await terminal.question(`${question} [y/N] `, { signal });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    terminal.close();
  }
}
