import { CliError, EXIT, type ExitCode } from './errors.js';

/**
 * Maps any error to one line and an exit code. SDK errors are recognised by name so this module
 * does not need to import every SDK: connection and auth failures are EXIT.connection, API refusals
 * EXIT.refused.
 */
export function classifyError(error: unknown): { message: string; exitCode: ExitCode } {
  if (error instanceof CliError) return { message: firstLine(error.message), exitCode: error.exitCode };
  if (error instanceof Error) {
    const names = chainNames(error);
    const connection = names.some((n) =>
      /Connection|Timeout|Auth|Unauthori[sz]ed|Forbidden|Tls|Closed/i.test(n),
    );
    const codes = errorCodes(error);
    const network = codes.some((code) =>
      ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET'].includes(code),
    );
    if (connection || network) return { message: firstLine(error.message), exitCode: EXIT.connection };
    if (names.some((n) => /^(Maas|Juju)/.test(n)))
      return { message: firstLine(error.message), exitCode: EXIT.refused };
    if (error.name === 'AbortError') return { message: 'interrupted', exitCode: EXIT.interrupted };
    return { message: firstLine(error.message) || error.name, exitCode: EXIT.failure };
  }
  return { message: String(error), exitCode: EXIT.failure };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function chainNames(error: Error): string[] {
  const names: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    names.push(current.name, current.constructor.name);
    current = current.cause;
  }
  return names;
}

function errorCodes(error: Error): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = current.cause;
  }
  return codes;
}
