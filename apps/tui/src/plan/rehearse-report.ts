import { mib } from '../site/format.js';
import type { Rehearsal, RehearsedHost } from './rehearse.js';

const percent = (used: number, total: number) => `${total === 0 ? 0 : Math.round((used / total) * 100)}%`;
const share = (used: number, total: number, ratio: number) =>
  `${percent(used, total)} of physical, limit x${ratio}${used > total ? ' (over-committed)' : ''}`;

function hostLine(host: RehearsedHost, compact: boolean): string {
  const { cores, memoryMiB } = host;
  const head = `  ${host.name.padEnd(12)} ${host.zone.padEnd(8)} ${String(host.vms.length).padStart(3)} VMs`;
  // A terminal's 80 columns: the share of physical only (over 100% is over-committed).
  if (compact)
    return `${head}  cores ${cores.used}/${cores.total} ${percent(cores.used, cores.total)}  memory ${mib(memoryMiB.used)}/${mib(memoryMiB.total)} ${percent(memoryMiB.used, memoryMiB.total)}`;
  return `${head}  cores ${cores.used}/${cores.total} (${share(cores.used, cores.total, cores.ratio)})  memory ${mib(memoryMiB.used)}/${mib(memoryMiB.total)} (${share(memoryMiB.used, memoryMiB.total, memoryMiB.ratio)})`;
}

const WHAT: Record<Rehearsal['kind'], string> = {
  Plan: 'plan',
  UpgradePlan: 'upgrade',
  DrainPlan: 'drain',
  HealPlan: 'heal',
};

/** A rehearsal as sections of text: the CLI prints them all, the TUI what fits (`compact`). */
export function rehearsalReport(rehearsal: Rehearsal, where: string, { compact = false } = {}) {
  const what = WHAT[rehearsal.kind];
  return {
    headline: `rehearsed ${what} ${rehearsal.id} on a twin of ${where}: ${rehearsal.ok ? 'it succeeded' : 'it FAILED'}`,
    calls: rehearsal.calls.map(
      (call, i) => `  ${String(i + 1).padStart(3)}. ${call.service} ${call.call}  (${call.step})`,
    ),
    failed: [
      ...(rehearsal.failed.length > 0
        ? ['steps that failed on the twin:', ...rehearsal.failed.map((f) => `  ${f.step}: ${f.error}`)]
        : []),
      ...(rehearsal.error === null ? [] : [`the rehearsal stopped: ${rehearsal.error}`]),
    ],
    hosts: ['VM hosts at the end:', ...rehearsal.hosts.map((host) => hostLine(host, compact))],
    applications: [
      'applications at the end:',
      ...rehearsal.applications.map(
        (app) =>
          `  ${app.name} (${app.channel || 'no channel'}): ${app.units.length} units${app.units.length > 0 ? ` on ${app.units.map((u) => `${u.hostname || u.machine} ${u.status}`).join(', ')}` : ''}`,
      ),
    ],
  };
}

/** How many calls went to each service, e.g. "MAAS 14, Juju 43". */
export function callCounts(rehearsal: Rehearsal): string {
  const counts = new Map<string, number>();
  for (const call of rehearsal.calls) counts.set(call.service, (counts.get(call.service) ?? 0) + 1);
  return [...counts].map(([service, n]) => `${service} ${n}`).join(', ') || 'none';
}
