import type { ParseArgsConfig } from 'node:util';
import type { SiteFlags } from '../site/choose.js';
import type { CommandResult, OutputFormat } from './output.js';

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Options every subcommand accepts. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  yaml: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  profile: { type: 'string' },
  'maas-url': { type: 'string' },
  demo: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  values: OptionValues;
  positionals: readonly string[];
  format: OutputFormat;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Aborted on Ctrl-C; long commands stop and clean up. */
  signal: AbortSignal;
  /** Secrets the command handled; every line the CLI prints is scrubbed of them. */
  secrets: string[];
}

export interface CommandSpec {
  name: string;
  /** One line for `edgekit --help`. */
  summary: string;
  /** Arguments and options after the command name, for usage lines. */
  usage: string;
  options?: ParseArgsOptionsConfig;
  /** Positional arguments after the command name (min, max). */
  positionals?: [number, number];
  run(ctx: CommandContext): Promise<CommandResult>;
}

/** A string option's value, or undefined; repeated options keep the last. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (Array.isArray(value)) return stringOption({ [name]: value.at(-1) }, name);
  return typeof value === 'string' ? value : undefined;
}

/** The site-selecting flags (--demo, --maas-url, --profile), as chooseSite takes them. */
export function siteFlags(values: OptionValues): SiteFlags {
  const maasUrl = stringOption(values, 'maas-url');
  const profile = stringOption(values, 'profile');
  return {
    demo: values.demo === true,
    ...(maasUrl === undefined ? {} : { maasUrl }),
    ...(profile === undefined ? {} : { profile }),
  };
}
