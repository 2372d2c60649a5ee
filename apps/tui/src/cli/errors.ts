import { EdgekitError, type ErrorKind } from '@edgekit/common/base';
/**
 * Exit codes are part of the CLI contract (listed in `edgekit --help`); scripts branch on them.
 */
export const EXIT = {
  ok: 0,
  /** Unexpected failure: a bug or an unclassified error (run with --debug for the stack). */
  failure: 1,
  /** Bad usage: unknown command or flag, missing argument, unreadable or invalid input file. */
  usage: 2,
  /** Could not reach or authenticate to MAAS or Juju. */
  connection: 3,
  /** The server refused the operation (MAAS or Juju API error). */
  refused: 4,
  /** The work is incomplete: VMs left unplaced, an apply step failed. */
  incomplete: 5,
  /** Interrupted by Ctrl-C. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const KIND_OF_EXIT: Partial<Record<ExitCode, ErrorKind>> = {
  [EXIT.usage]: 'usage',
  [EXIT.connection]: 'connection',
  [EXIT.refused]: 'refused',
  [EXIT.incomplete]: 'incomplete',
  [EXIT.interrupted]: 'interrupted',
};

/** An error the CLI reports as one line and a chosen exit code; its kind follows from the code. */
export class CliError extends EdgekitError {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  override get kind(): ErrorKind {
    return KIND_OF_EXIT[this.exitCode] ?? 'internal';
  }
}

export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.usage, options);
  }
}
