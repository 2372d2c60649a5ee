import type { ApplyEvent, UpgradePlan, UpgradeStep } from '@edgekit/edge-core';
import { fileNameFrom } from './file-name.js';

/** The journal lives beside the upgrade document, so `--resume FILE` finds it. */
export function upgradeJournalPath(file: string): string {
  return `${file}.journal.jsonl`;
}

/** Where an upgrade document is saved when -o is not given: the working directory, named by target and id. */
export function defaultUpgradeFile(plan: UpgradePlan): string {
  return `${fileNameFrom(`upgrade-${plan.to}-${plan.id.replace(/^upgrade-/, '')}`, 'upgrade')}.yaml`;
}

function stepLine(step: UpgradeStep): string {
  switch (step.kind) {
    case 'refresh':
      return `refresh ${step.application} to ${step.channel}`;
    case 'action':
      return `${step.action} ${step.unit}`;
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
