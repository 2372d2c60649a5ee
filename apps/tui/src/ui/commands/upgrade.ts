import type { SiteData } from '../../site/data.js';
import type { Upgrading } from '../hooks/useUpgrade.js';
import type { Command } from '../keymap.js';
import type { ScreenContext } from './context.js';

/** Upgrade screen: plan at once; start or resume after y; pause between steps; the demo's deploy. */
export function onUpgradeCommand(
  command: Command,
  ctx: ScreenContext,
  data: SiteData,
  upgrading: Upgrading,
): void {
  if (command === 'pauseUpgrade') {
    upgrading.pause();
    return;
  }
  if (upgrading.running.current) return;
  if (command === 'planUpgrade') return void upgrading.makePlan();
  if (command === 'deployDemoKubernetes') return void upgrading.deployDemo();
  const plan = upgrading.plan?.plan;
  if (command === 'startUpgrade' && plan) {
    const site = data.description.profile ?? data.description.maasUrl;
    ctx.dispatch({ type: 'confirm', change: { kind: 'upgrade', planId: plan.id, to: plan.to, site } });
  }
}
