export { CliError, EXIT, UsageError } from './cli/errors.js';
export { type CliIo, runCli } from './cli/main.js';
export type { SiteData } from './site/data.js';
export { EDGEKIT_VERSION } from './version.js';
