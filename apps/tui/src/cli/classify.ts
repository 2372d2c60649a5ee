import { type ErrorKind, errorKind } from '@edgekit/common';
import { CliError, EXIT, type ExitCode } from './errors.js';

/**
 * Exit codes follow from the kind every edgekit error declares (`error.kind`, see @edgekit/common): the
 * CLI knows no package's error tree, only this table.
 */
const EXIT_BY_KIND: Readonly<Record<ErrorKind, ExitCode>> = {
  usage: EXIT.usage,
  connection: EXIT.connection,
  refused: EXIT.refused,
  incomplete: EXIT.incomplete,
  interrupted: EXIT.interrupted,
  internal: EXIT.failure,
};

/** Errors from Node itself, which declare no kind: unreadable files are usage, dead sockets connection. */
const FILE_CODES = new Set(['ENOENT', 'EISDIR', 'EACCES']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

function exitCodeOf(error: Error): ExitCode {
  const kind = errorKind(error);
  if (kind !== undefined) return EXIT_BY_KIND[kind];
  if (error.name === 'AbortError') return EXIT.interrupted;
  const code = String((error as { code?: unknown }).code);
  if (FILE_CODES.has(code)) return EXIT.usage;
  if (NETWORK_CODES.has(code)) return EXIT.connection;
  return EXIT.failure;
}

/** Maps any error to one line and an exit code. */
export function classifyError(error: unknown): { message: string; exitCode: ExitCode } {
  if (error instanceof CliError) return { message: firstLine(error.message), exitCode: error.exitCode };
  if (!(error instanceof Error)) return { message: String(error), exitCode: EXIT.failure };
  const message = firstLine(error.message) || error.name;
  return { message, exitCode: exitCodeOf(error) };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
