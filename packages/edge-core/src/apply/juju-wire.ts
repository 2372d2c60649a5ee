import { parseConstraints } from '@edgekit/juju-client';
import type { Plan } from '../plan/schema.js';

export interface JujuStepOptions {
  pollIntervalMs: number;
  /** How long to wait for machines added by an earlier, interrupted run to be provisioned. */
  provisionTimeoutMs: number;
  activeTimeoutMs: number;
  signal?: AbortSignal;
}

/** Juju's wire constraints (`Value`): sizes in MiB, lists for tags and zones (juju-client's one parser). */
export function wireConstraints(text: string): Record<string, unknown> {
  return { ...parseConstraints(text) };
}

/** `ubuntu@24.04` as Juju's wire Base. */
export function baseOf(plan: Plan): { name: string; channel: string } {
  const [name = 'ubuntu', channel = ''] = plan.workload.base.split('@');
  return { name, channel };
}
