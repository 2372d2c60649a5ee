import { chooseSite } from '../site/choose.js';
import type { SiteData } from '../site/data.js';
import type { FirstRead } from '../site/first-read.js';
import { type OpenedSite, openHostedDemo, openSite } from '../site/open.js';
import { createSiteData } from '../site/site-data.js';
import { type CommandContext, siteFlags } from './command.js';

/** Opens the site the flags, environment and profiles select (see `edgekit --help`). */
export async function openSiteFrom(ctx: CommandContext): Promise<OpenedSite> {
  const choice = await chooseSite(siteFlags(ctx.values), ctx.env);
  if (choice.kind === 'real') ctx.secrets.push(choice.maas.apiKey);
  const site = await openSite(choice);
  ctx.secrets.push(...site.secrets);
  return site;
}

/**
 * The site for the terminal UI, from its first read (started before the UI loaded): the site it chose,
 * the demo it hosts, and its whole inventory, which the screens' first load gives.
 */
export async function openSiteFor(ctx: CommandContext, first: FirstRead): Promise<SiteData> {
  const choice = await first.choice;
  if (choice.kind === 'real') ctx.secrets.push(choice.maas.apiKey);
  const demo = await first.demo;
  if (demo !== null) ctx.secrets.push(...demo.secrets);
  const site =
    demo === null
      ? await openSite(choice, { firstInventory: first.complete })
      : await openHostedDemo(demo, { firstInventory: first.complete, close: () => first.close() });
  ctx.secrets.push(...site.secrets);
  return createSiteData(site);
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
