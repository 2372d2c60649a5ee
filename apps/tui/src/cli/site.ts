import type { SiteData } from '../site/data.js';
import type { CommandContext } from './command.js';
import { CliError, EXIT } from './errors.js';

/** Opens the site the flags, environment and profiles select (see `edgekit --help`). */
export async function openSiteFor(_ctx: CommandContext): Promise<SiteData> {
  throw new CliError('no site available: the MAAS simulator and client are not built yet', EXIT.connection);
}
