import { UsageError } from './errors.js';

export type OutputFormat = 'text' | 'json' | 'yaml';

/** What a subcommand returns: data for --json/--yaml and a human rendering for the terminal. */
export interface CommandResult {
  data: unknown;
  text: string;
  exitCode?: number;
}

export function outputFormat(flags: {
  json?: boolean | undefined;
  yaml?: boolean | undefined;
}): OutputFormat {
  if (flags.json && flags.yaml) throw new UsageError('--json and --yaml are exclusive; pick one');
  return flags.json ? 'json' : flags.yaml ? 'yaml' : 'text';
}

export async function formatResult(result: CommandResult, format: OutputFormat): Promise<string> {
  if (format === 'json') return `${JSON.stringify(result.data, null, 2)}\n`;
  if (format === 'yaml') return (await import('./yaml-output.js')).toYaml(result.data);
  return result.text.endsWith('\n') || result.text === '' ? result.text : `${result.text}\n`;
}
