import { resolve } from 'node:path';
import {
  loadSiteSnapshotFile,
  parseDay2Plan,
  parsePlan,
  parseUpgradePlan,
  parseYamlText,
  readInputFile,
  type SiteSnapshot,
  takeSiteSnapshot,
} from '@edgekit/edge-core';
import { type Rehearsable, type Rehearsal, type RehearsedDocument, rehearse } from '../../plan/rehearse.js';
import { rehearsalReport } from '../../plan/rehearse-report.js';
import { type CommandContext, type CommandSpec, stringOption } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { withSite } from '../site.js';
import { isVmHostName } from './day2.js';

/** A plan, an upgrade plan, or a drain or heal plan, by the document's `kind`. */
async function loadDocument(file: string): Promise<RehearsedDocument> {
  const text = await readInputFile(file);
  const head = parseYamlText(text);
  const kind = head !== null && typeof head === 'object' ? (head as { kind?: unknown }).kind : undefined;
  if (kind === 'UpgradePlan') return parseUpgradePlan(text, file);
  if (kind === 'DrainPlan' || kind === 'HealPlan') return parseDay2Plan(text, file);
  return parsePlan(text, file);
}

/** `drain HOST` and `heal` are planned on the twin; anything else names a document. */
async function subjectOf(ctx: CommandContext): Promise<Rehearsable> {
  const [first = '', host] = ctx.positionals;
  if (first === 'drain') {
    if (host === undefined || !isVmHostName(host))
      throw new UsageError(`"${host ?? ''}" is not a VM host name; usage: edgekit rehearse drain HOST`);
    return { kind: 'drain', host };
  }
  if (host !== undefined)
    throw new UsageError(`unexpected "${host}"; usage: edgekit rehearse PLAN_FILE | drain HOST | heal`);
  if (first === 'heal') return { kind: 'heal' };
  return loadDocument(resolve(first));
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
 * `edgekit rehearse PLAN_FILE | drain HOST | heal [--site site.yaml]`: runs a plan, upgrade plan, drain or
 * heal plan (or plans a drain or heal on the twin and runs it) on a simulated twin of the site (from the snapshot file, or a fresh snapshot of the connected site) and reports the calls, the
 * end state and the failures. Exit 0 when the rehearsal succeeded, 5 when a step failed.
 */
export const runRehearse: CommandSpec['run'] = async (ctx) => {
  const subject = await subjectOf(ctx);
  const snapshot = await snapshotFor(ctx);
  const rehearsal = await rehearse(subject, snapshot, { signal: ctx.signal, secrets: ctx.secrets });
  return {
    data: rehearsal,
    text: reportLines(rehearsal, snapshot.source.maasUrl).join('\n'),
    exitCode: rehearsal.ok ? EXIT.ok : EXIT.incomplete,
  };
};
