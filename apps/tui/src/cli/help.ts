import { EDGEKIT_VERSION } from '../version.js';
import type { CommandSpec } from './command.js';
import { EXIT } from './errors.js';

/** Every line of `edgekit --help` fits an 80-column terminal, so nothing wraps mid-word. */
export const HELP_WIDTH = 80;

const EXIT_LINES: Record<keyof typeof EXIT, string> = {
  ok: 'success',
  failure: 'unexpected failure (rerun with --debug for the stack)',
  usage: 'bad usage or invalid input file',
  connection: 'could not reach or authenticate to MAAS or Juju',
  refused: 'the server refused the operation',
  incomplete: 'incomplete: VMs left unplaced or an apply step failed',
  interrupted: 'interrupted (Ctrl-C)',
};

const GLOBAL_OPTION_LINES: readonly [string, string][] = [
  ['--json | --yaml', 'machine-readable output on stdout'],
  ['--debug', 'print the stack trace of an error'],
  ['--profile NAME', 'use a saved profile (see `edgekit login`)'],
  ['--maas-url URL', 'MAAS to use (API key from MAAS_API_KEY)'],
  ['--demo', 'use the embedded simulated demo site even if a real one is configured'],
];

const SITE_SELECTION = [
  'Site selection, first match wins: --demo; --maas-url / MAAS_URL + MAAS_API_KEY; --profile or',
  'EDGEKIT_PROFILE; the "default" profile; otherwise the embedded simulated demo site.',
].join(' ');
const JUJU_SELECTION =
  'Juju: JUJU_ENDPOINT + JUJU_USER + JUJU_PASSWORD (+ JUJU_CA_CERT, JUJU_MODEL), or the profile.';

/** A usage string's unbreakable parts: words, with each `[...]` group kept whole. */
function usageParts(usage: string): string[] {
  const parts: string[] = [];
  let part = '';
  let depth = 0;
  for (const char of usage) {
    if (char === ' ' && depth === 0) {
      if (part !== '') parts.push(part);
      part = '';
      continue;
    }
    if (char === '[') depth += 1;
    if (char === ']') depth -= 1;
    part += char;
  }
  if (part !== '') parts.push(part);
  return parts;
}

/**
 * Lays parts out space-separated after `first`, starting a new line indented by `indent` whenever the
 * next part would pass HELP_WIDTH (a part longer than a whole line stays on a line of its own).
 */
function fill(parts: readonly string[], first: string, indent: number): string[] {
  const lines: string[] = [];
  let line = first;
  let lineHasParts = false;
  for (const part of parts) {
    if (lineHasParts && line.length + 1 + part.length > HELP_WIDTH) {
      lines.push(line);
      line = ' '.repeat(indent) + part;
    } else {
      line = lineHasParts ? `${line} ${part}` : `${line}${part}`;
    }
    lineHasParts = true;
  }
  lines.push(line);
  return lines;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** A command: its synopsis (continuations under its arguments), then its summary indented by 4. */
function commandLines(synopsis: string, usage: string, summary: string): string[] {
  return [
    ...fill(usageParts(usage), `  ${synopsis}${usage === '' ? '' : ' '}`, synopsis.length + 3),
    ...fill(words(summary), '      ', 6),
  ];
}

/** `edgekit --help`, generated from the command table so it lists exactly what exists. */
export function helpText(commands: readonly CommandSpec[]): string {
  const optionColumn = 2 + Math.max(...GLOBAL_OPTION_LINES.map(([flag]) => flag.length)) + 2;
  const lines = [
    `edgekit ${EDGEKIT_VERSION} — plan and build MAAS + Juju edge clouds`,
    '',
    'Usage:',
    ...commandLines(
      'edgekit',
      '[--preset NAME | --workload FILE | --bundle FILE] [--overlay FILE]...',
      'open the terminal UI (on the embedded simulated site when nothing is configured)',
    ),
    ...commands.flatMap((c) => commandLines(`edgekit ${c.name}`, c.usage, c.summary)),
    ...commandLines('edgekit --version', '', 'print the version'),
    ...commandLines('edgekit --help', '', 'print this help'),
    '',
    'Options for every command:',
    ...GLOBAL_OPTION_LINES.flatMap(([flag, description]) =>
      fill(words(description), `  ${flag}`.padEnd(optionColumn), optionColumn),
    ),
    '',
    ...fill(words(SITE_SELECTION), '', 0),
    ...fill(words(JUJU_SELECTION), '', 0),
    '',
    'Exit codes:',
    ...Object.entries(EXIT).map(
      ([name, code]) => `  ${String(code).padStart(3)}  ${EXIT_LINES[name as keyof typeof EXIT]}`,
    ),
    '',
  ];
  return lines.join('\n');
}
