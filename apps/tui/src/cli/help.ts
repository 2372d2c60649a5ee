import { EDGEKIT_VERSION } from '../version.js';
import type { CommandSpec } from './command.js';
import { EXIT } from './errors.js';

const EXIT_LINES: Record<keyof typeof EXIT, string> = {
  ok: 'success',
  failure: 'unexpected failure (rerun with --debug for the stack)',
  usage: 'bad usage or invalid input file',
  connection: 'could not reach or authenticate to MAAS or Juju',
  refused: 'the server refused the operation',
  incomplete: 'incomplete: VMs left unplaced or an apply step failed',
  interrupted: 'interrupted (Ctrl-C)',
};

/** `edgekit --help`, generated from the command table so it lists exactly what exists. */
export function helpText(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.usage}`.length), 20) + 2;
  const lines = [
    `edgekit ${EDGEKIT_VERSION} — plan and build MAAS + Juju edge clouds`,
    '',
    'Usage:',
    `  ${'edgekit'.padEnd(width + 8)}open the terminal UI (on the embedded simulated site when nothing is configured)`,
    ...commands.map((c) => `  edgekit ${`${c.name} ${c.usage}`.trim().padEnd(width)}${c.summary}`),
    `  ${'edgekit --version'.padEnd(width + 8)}print the version`,
    `  ${'edgekit --help'.padEnd(width + 8)}print this help`,
    '',
    'Options for every command:',
    '  --json | --yaml      machine-readable output on stdout',
    '  --debug              print the stack trace of an error',
    '  --profile NAME       use a saved profile (see `edgekit login`)',
    '  --maas-url URL       MAAS to use (API key from MAAS_API_KEY)',
    '  --demo               use the embedded simulated demo site even if a real one is configured',
    '',
    'Site selection, first match wins: --demo; --maas-url / MAAS_URL + MAAS_API_KEY; --profile or',
    'EDGEKIT_PROFILE; the "default" profile; otherwise the embedded simulated demo site.',
    'Juju: JUJU_ENDPOINT + JUJU_USER + JUJU_PASSWORD (+ JUJU_CA_CERT, JUJU_MODEL), or the profile.',
    '',
    'Exit codes:',
    ...Object.entries(EXIT).map(
      ([name, code]) => `  ${String(code).padStart(3)}  ${EXIT_LINES[name as keyof typeof EXIT]}`,
    ),
    '',
  ];
  return lines.join('\n');
}
