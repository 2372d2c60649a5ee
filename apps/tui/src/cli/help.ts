import { EDGEKIT_VERSION } from '../version.js';

export const HELP_TEXT = `edgekit ${EDGEKIT_VERSION} — plan and build MAAS + Juju edge clouds

Usage:
  edgekit                 open the terminal UI (on the embedded simulated site when nothing is configured)
  edgekit --version       print the version
  edgekit --help          print this help

Exit codes: 0 success, 1 failure, 2 bad usage.
`;
