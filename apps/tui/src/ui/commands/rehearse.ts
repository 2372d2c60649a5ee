import { relative } from 'node:path';
import type { Rehearsable } from '../../plan/rehearse.js';
import type { Applying } from '../hooks/useApply.js';
import type { Upgrading } from '../hooks/useUpgrade.js';
import type { PendingChange } from '../state.js';

/** A file as the operator would type it where edgekit runs (where plans are saved by default). */
function typed(file: string): string {
  const near = relative(process.cwd(), file);
  return near.startsWith('..') ? file : near;
}

/**
 * What a pending change would run, when it can be rehearsed on a twin first, and the `edgekit rehearse`
 * arguments that list every call of it.
 */
export function rehearsalTarget(
  change: PendingChange | null,
  applying: Applying,
  upgrading: Upgrading,
): { subject: Rehearsable; args: string } | null {
  if (change?.kind === 'apply' && applying.saved)
    return { subject: applying.saved.plan, args: typed(applying.saved.file) };
  if (change?.kind === 'upgrade' && upgrading.plan)
    return { subject: upgrading.plan.plan, args: typed(upgrading.plan.file) };
  if (change?.kind === 'drain')
    return { subject: { kind: 'drain', host: change.host }, args: `drain ${change.host}` };
  if (change?.kind === 'heal') return { subject: { kind: 'heal' }, args: 'heal' };
  return null;
}
