import { chooseSite } from '../site/choose.js';
import type { SiteData } from '../site/data.js';
import { type OpenedSite, type OpenOptions, openSite } from '../site/open.js';
import { createSiteData } from '../site/site-data.js';
import { type CommandContext, stringOption } from './command.js';

/** Opens the site the flags, environment and profiles select (see `edgekit --help`). */
export async function openSiteFrom(ctx: CommandContext, options: OpenOptions = {}): Promise<OpenedSite> {
  const maasUrl = stringOption(ctx.values, 'maas-url');
  const profile = stringOption(ctx.values, 'profile');
  const choice = await chooseSite(
    {
      demo: ctx.values.demo === true,
      ...(maasUrl === undefined ? {} : { maasUrl }),
      ...(profile === undefined ? {} : { profile }),
    },
    ctx.env,
  );
  if (choice.kind === 'real') ctx.secrets.push(choice.maas.apiKey);
  const site = await openSite(choice, options);
  ctx.secrets.push(...site.secrets);
  return site;
}

/** The site for the terminal UI, whose first screen shows the inventory read while Juju connects. */
export async function openSiteFor(ctx: CommandContext): Promise<SiteData> {
  return createSiteData(await openSiteFrom(ctx, { readAhead: true }));
}

/** Runs `work` on the selected site and always closes it (and any simulators it started). */
export async function withSite<T>(ctx: CommandContext, work: (site: OpenedSite) => Promise<T>): Promise<T> {
  const site = await openSiteFrom(ctx);
  try {
    return await work(site);
  } finally {
    await site.close();
  }
}
