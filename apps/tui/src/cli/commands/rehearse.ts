import { resolve } from 'node:path';
import {
  loadSiteSnapshotFile,
  type Plan,
  parsePlan,
  parseUpgradePlan,
  parseYamlText,
  readInputFile,
  type SiteSnapshot,
  takeSiteSnapshot,
  type UpgradePlan,
} from '@edgekit/edge-core';
import { type Rehearsal, rehearse } from '../../plan/rehearse.js';
import { rehearsalReport } from '../../plan/rehearse-report.js';
import { type CommandContext, type CommandSpec, stringOption } from '../command.js';
import { EXIT } from '../errors.js';
import { withSite } from '../site.js';

/** A plan or an upgrade plan, by the document's `kind`. */
async function loadDocument(file: string): Promise<Plan | UpgradePlan> {
  const text = await readInputFile(file);
  const head = parseYamlText(text);
  const kind = head !== null && typeof head === 'object' ? (head as { kind?: unknown }).kind : undefined;
  return kind === 'UpgradePlan' ? parseUpgradePlan(text, file) : parsePlan(text, file);
}

/** The twin's starting point: the snapshot file, or a fresh snapshot of the connected site. */
async function snapshotFor(ctx: CommandContext): Promise<SiteSnapshot> {
  const file = stringOption(ctx.values, 'site');
  if (file !== undefined) return loadSiteSnapshotFile(resolve(file));
  return withSite(ctx, (site) => takeSiteSnapshot(site.maas, site.juju?.client, { signal: ctx.signal }));
}

function reportLines(rehearsal: Rehearsal, where: string): string[] {
  const report = rehearsalReport(rehearsal, where);
  return [
    report.headline,
    `calls it made, in order (${report.calls.length}):`,
    ...report.calls,
    ...report.hosts,
    ...report.applications,
    ...report.failed,
    'the site itself was not touched',
  ];
}

/**
 * `edgekit rehearse PLAN_FILE [--site site.yaml]`: runs a plan or upgrade plan on a simulated twin of the
 * site (from the snapshot file, or a fresh snapshot of the connected site) and reports the calls, the
 * end state and the failures. Exit 0 when the rehearsal succeeded, 5 when a step failed.
 */
export const runRehearse: CommandSpec['run'] = async (ctx) => {
  const document = await loadDocument(resolve(ctx.positionals[0] ?? ''));
  const snapshot = await snapshotFor(ctx);
  const rehearsal = await rehearse(document, snapshot, { signal: ctx.signal, secrets: ctx.secrets });
  return {
    data: rehearsal,
    text: reportLines(rehearsal, snapshot.source.maasUrl).join('\n'),
    exitCode: rehearsal.ok ? EXIT.ok : EXIT.incomplete,
  };
};
