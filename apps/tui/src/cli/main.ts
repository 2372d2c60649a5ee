import { parseArgs } from 'node:util';
import { Redactor } from '@edgekit/common/base';
import { startFirstRead } from '../site/first-read.js';
import { EDGEKIT_VERSION } from '../version.js';
import {
  type CommandContext,
  type CommandSpec,
  GLOBAL_OPTIONS,
  type OptionValues,
  siteFlags,
} from './command.js';
import { COMMANDS, WORKLOAD_OPTIONS } from './commands/index.js';
import { EXIT, UsageError } from './errors.js';
import { helpText } from './help.js';
import { formatResult, outputFormat } from './output.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  signal: AbortSignal;
}

export interface Parsed {
  command: CommandSpec | 'tui';
  values: OptionValues;
  positionals: string[];
}

const HINT = 'run "edgekit --help" for usage';

/** The command line read against the commands: the command, its options and positionals (exported for the fuzz suite). */
export function parseInvocation(argv: readonly string[]): Parsed | 'help' | 'version' {
  // First pass, lenient, only to find the command name; the second pass is strict for that command.
  const loose = parseArgs({
    args: [...argv],
    // The TUI's own string options too, so `edgekit --bundle FILE` does not read FILE as a command.
    options: { ...GLOBAL_OPTIONS, ...WORKLOAD_OPTIONS },
    allowPositionals: true,
    strict: false,
  });
  const name = loose.positionals[0];
  const command = name === undefined ? 'tui' : COMMANDS.find((c) => c.name === name);
  if (command === undefined) throw new UsageError(`unknown command "${name}"; ${HINT}`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...GLOBAL_OPTIONS, ...(command === 'tui' ? WORKLOAD_OPTIONS : command.options) },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; ${HINT}`, { cause: error });
  }
  if (parsed.values.version) return 'version';
  if (parsed.values.help) return 'help';
  const positionals = parsed.positionals.slice(command === 'tui' ? 0 : 1);
  if (command !== 'tui') {
    const [min, max] = command.positionals ?? [0, 0];
    if (positionals.length < min || positionals.length > max) {
      throw new UsageError(`usage: edgekit ${command.name} ${command.usage}`.trim());
    }
  }
  return { command, values: parsed.values, positionals };
}

/** Runs one edgekit invocation and returns its exit code; errors become one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const secrets: string[] = [];
  const debug = argv.includes('--debug');
  try {
    const parsed = parseInvocation(argv);
    if (parsed === 'version') {
      io.stdout.write(`${EDGEKIT_VERSION}\n`);
      return EXIT.ok;
    }
    if (parsed === 'help') {
      io.stdout.write(helpText(COMMANDS));
      return EXIT.ok;
    }
    const format = outputFormat(parsed.values as { json?: boolean; yaml?: boolean });
    const ctx: CommandContext = {
      ...io,
      values: parsed.values,
      positionals: parsed.positionals,
      format,
      secrets,
    };
    if (parsed.command === 'tui') {
      // Before Ink and the screens load (the import below): the site's first read proceeds meanwhile,
      // in its own thread.
      const first = startFirstRead({ flags: siteFlags(parsed.values), env: ctx.env });
      try {
        const { runTui } = await import('./commands/tui.js');
        return await runTui(ctx, first);
      } finally {
        await first.close();
      }
    }
    const result = await parsed.command.run(ctx);
    io.stdout.write(new Redactor(secrets).redact(await formatResult(result, format)));
    return result.exitCode ?? EXIT.ok;
  } catch (error) {
    // Loaded only on failure: a clean --version need not load it.
    const { classifyError } = await import('./classify.js');
    const { message, exitCode } = classifyError(error);
    const redactor = new Redactor(secrets);
    io.stderr.write(redactor.redact(`edgekit: ${message}\n`));
    if (debug && error instanceof Error) io.stderr.write(redactor.redact(`${stackOf(error)}\n`));
    return exitCode;
  }
}

function stackOf(error: Error): string {
  const parts = [error.stack ?? String(error)];
  let cause = error.cause;
  while (cause instanceof Error) {
    parts.push(`caused by: ${cause.stack ?? String(cause)}`);
    cause = cause.cause;
  }
  return parts.join('\n');
}
