import {
  type ApplyEvent,
  applicationOfCharm,
  outOfService,
  type UpgradePlan,
  type UpgradeStatusView,
  type UpgradeStep,
} from '@edgekit/edge-core';
import { fileNameFrom } from './file-name.js';

/** The journal lives beside the upgrade document, so `--resume FILE` finds it. */
export function upgradeJournalPath(file: string): string {
  return `${file}.journal.jsonl`;
}

/** Where an upgrade document is saved when -o is not given: the working directory, named by target and id. */
export function defaultUpgradeFile(plan: UpgradePlan): string {
  return `${fileNameFrom(`upgrade-${plan.to}-${plan.id.replace(/^upgrade-/, '')}`, 'upgrade')}.yaml`;
}

export function stepLine(step: UpgradeStep): string {
  switch (step.kind) {
    case 'refresh':
      return `refresh ${step.application} to ${step.channel}`;
    case 'action':
      return `${step.action} ${step.unit}`;
    case 'new-worker':
      return `compose ${step.vm.compose.params.hostname} on ${step.vm.compose.vmHostName}, add it to Juju`;
    case 'deploy-green':
      return `deploy ${step.application} (${step.channel}) on ${step.hostnames.length} new machines`;
    case 'retire':
      return `retire ${step.unit} and its VM ${step.vm.old.hostname}`;
    case 'remove-application':
      return `remove ${step.application}`;
  }
}

/**
 * The plan as a person reads it before saying yes: each step, numbered, with why it sits there, and
 * (after a dry run) the calls it would make.
 */
export function upgradePlanLines(plan: UpgradePlan, callsByStep?: ReadonlyMap<string, string[]>): string[] {
  const width = String(plan.steps.length).length;
  return [
    `upgrade ${plan.id}: ${plan.from} -> ${plan.to}, ${plan.strategy}, at most ${plan.maxUnavailable} unit(s) of an application out at a time`,
    ...plan.steps.flatMap((step, index) => {
      const calls = callsByStep?.get(step.id) ?? [];
      return [
        `  ${String(index + 1).padStart(width)}. ${stepLine(step)}: ${step.why}`,
        ...(calls.length > 0 ? [`  ${' '.repeat(width)}  would call ${calls.join(', ')}`] : []),
      ];
    }),
  ];
}

/** The calls announced under each step, from the events of a dry run. */
export function callsPerStep(events: readonly ApplyEvent[]): Map<string, string[]> {
  const calls = new Map<string, string[]>();
  let step = '';
  for (const event of events) {
    if (event.type === 'step-start') step = event.step;
    if (event.type === 'request') calls.set(step, [...(calls.get(step) ?? []), event.request.call]);
  }
  return calls;
}

/**
 * The Kubernetes minor after the one the model's control plane tracks (`1.35/stable` -> `1.36`), the
 * only target an upgrade may take; undefined without a control plane on a `1.N` track.
 */
export function nextMinor(status: UpgradeStatusView): string | undefined {
  const [control] = applicationOfCharm(status, 'kubernetes-control-plane');
  const channel = control === undefined ? '' : (status.applications[control]?.['charm-channel'] ?? '');
  const match = /^1\.(\d+)\//.exec(channel);
  return match ? `1.${Number(match[1]) + 1}` : undefined;
}

/** One application as the Upgrade screen lists it: channel, units, how many serve, which are out. */
export interface UpgradeAppRow {
  name: string;
  channel: string;
  units: number;
  out: string[];
  versions: string;
}

export function upgradeAppRows(status: UpgradeStatusView): UpgradeAppRow[] {
  return Object.entries(status.applications)
    .map(([name, app]) => {
      const units = Object.values(app.units ?? {});
      const versions = [...new Set(units.map((u) => u['workload-version'] ?? '').filter((v) => v !== ''))];
      return {
        name,
        channel: app['charm-channel'] ?? '',
        units: units.length,
        out: outOfService(status, name),
        versions: versions.sort().join(','),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
