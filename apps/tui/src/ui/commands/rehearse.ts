import type { RehearsedDocument } from '../../plan/rehearse.js';
import type { Applying } from '../hooks/useApply.js';
import type { Upgrading } from '../hooks/useUpgrade.js';
import type { PendingChange } from '../state.js';

/** The document a pending change would run, and its file, when it can be rehearsed on a twin first. */
export function rehearsalTarget(
  change: PendingChange | null,
  applying: Applying,
  upgrading: Upgrading,
): { document: RehearsedDocument; file: string } | null {
  if (change?.kind === 'apply' && applying.saved)
    return { document: applying.saved.plan, file: applying.saved.file };
  if (change?.kind === 'upgrade' && upgrading.plan)
    return { document: upgrading.plan.plan, file: upgrading.plan.file };
  return null;
}
