import type { SiteData } from '../../site/data.js';
import type { Applying } from '../hooks/useApply.js';
import type { Command } from '../keymap.js';
import type { ScreenContext } from './context.js';

/** Apply screen: dry run at once; apply and rollback after y. Nothing while a run is going. */
export function onApplyCommand(
  command: Command,
  ctx: ScreenContext,
  data: SiteData,
  applying: Applying,
): void {
  const plan = applying.saved?.plan;
  if (!plan || applying.busy.current) return;
  const site = data.description.profile ?? data.description.maasUrl;
  if (command === 'dryRun') void applying.preview();
  if (command === 'apply')
    ctx.dispatch({ type: 'confirm', change: { kind: 'apply', planId: plan.id, site } });
  if (command === 'rollback')
    ctx.dispatch({ type: 'confirm', change: { kind: 'rollback', planId: plan.id, site } });
}
