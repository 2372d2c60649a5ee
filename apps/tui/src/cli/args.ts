import { parseArgs } from 'node:util';

export type CliCommand = { kind: 'version' } | { kind: 'help' } | { kind: 'tui' };

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Turns argv (without node and the script) into one command; unknown flags are usage errors. */
export function parseCli(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { version: { type: 'boolean', short: 'v' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; run "edgekit --help" for usage`);
  }
  if (parsed.values.version) return { kind: 'version' };
  if (parsed.values.help) return { kind: 'help' };
  const [first] = parsed.positionals;
  if (first !== undefined) throw new UsageError(`unknown command "${first}"; run "edgekit --help" for usage`);
  return { kind: 'tui' };
}
