export { type CliCommand, parseCli, UsageError } from './cli/args.js';
export { EDGEKIT_VERSION } from './version.js';
