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
import { mib } from '../../site/format.js';
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

const share = (used: number, total: number, ratio: number) =>
  `${total === 0 ? 0 : Math.round((used / total) * 100)}% of physical, limit x${ratio}${used > total ? ' (over-committed)' : ''}`;

function reportLines(rehearsal: Rehearsal, where: string): string[] {
  return [
    `rehearsed ${rehearsal.kind === 'UpgradePlan' ? 'upgrade' : 'plan'} ${rehearsal.id} on a twin of ${where}: ${rehearsal.ok ? 'it succeeded' : 'it FAILED'}`,
    `calls it made, in order (${rehearsal.calls.length}):`,
    ...rehearsal.calls.map(
      (call, i) => `  ${String(i + 1).padStart(3)}. ${call.service} ${call.call}  (${call.step})`,
    ),
    'VM hosts at the end:',
    ...rehearsal.hosts.map(
      (host) =>
        `  ${host.name.padEnd(12)} ${host.zone.padEnd(8)} ${String(host.vms.length).padStart(3)} VMs  cores ${host.cores.used}/${host.cores.total} (${share(host.cores.used, host.cores.total, host.cores.ratio)})  memory ${mib(host.memoryMiB.used)}/${mib(host.memoryMiB.total)} (${share(host.memoryMiB.used, host.memoryMiB.total, host.memoryMiB.ratio)})`,
    ),
    'applications at the end:',
    ...rehearsal.applications.map(
      (app) =>
        `  ${app.name} (${app.channel || 'no channel'}): ${app.units.length} units${app.units.length > 0 ? ` on ${app.units.map((u) => `${u.hostname || u.machine} ${u.status}`).join(', ')}` : ''}`,
    ),
    ...(rehearsal.failed.length > 0
      ? ['steps that failed on the twin:', ...rehearsal.failed.map((f) => `  ${f.step}: ${f.error}`)]
      : []),
    ...(rehearsal.error === null ? [] : [`the rehearsal stopped: ${rehearsal.error}`]),
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
