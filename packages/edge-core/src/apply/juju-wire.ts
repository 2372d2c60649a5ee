import { parseConstraints } from '../outputs/constraints.js';
import type { Plan } from '../plan/schema.js';

export interface JujuStepOptions {
  pollIntervalMs: number;
  /** How long to wait for machines added by an earlier, interrupted run to be provisioned. */
  provisionTimeoutMs: number;
  activeTimeoutMs: number;
  signal?: AbortSignal;
}

/** Juju's wire constraints (`Value`): sizes in MiB, lists for tags and zones. */
export function wireConstraints(text: string): Record<string, unknown> {
  const parsed = parseConstraints(text);
  const value: Record<string, unknown> = {};
  if (parsed.cores !== undefined) value.cores = parsed.cores;
  if (parsed.memMiB !== undefined) value.mem = parsed.memMiB;
  if (parsed.rootDiskMiB !== undefined) value['root-disk'] = parsed.rootDiskMiB;
  if (parsed.tags !== undefined) value.tags = parsed.tags;
  if (parsed.zones !== undefined) value.zones = parsed.zones;
  if (parsed.arch !== undefined) value.arch = parsed.arch;
  return value;
}

/** `ubuntu@24.04` as Juju's wire Base. */
export function baseOf(plan: Plan): { name: string; channel: string } {
  const [name = 'ubuntu', channel = ''] = plan.workload.base.split('@');
  return { name, channel };
}
