import type { Command } from '../keymap.js';
import type { ScreenContext } from './context.js';

/** Juju screen: scroll by a line, a page, or to either end. */
export function onJujuCommand(command: Command, ctx: ScreenContext): void {
  const page = Math.max(1, ctx.bodyHeight - 3);
  const steps: Partial<Record<Command, number>> = {
    up: -1,
    down: 1,
    pageUp: -page,
    pageDown: page,
    first: -Infinity,
    last: Infinity,
  };
  const step = steps[command];
  if (step !== undefined) ctx.dispatch({ type: 'jujuScroll', step });
}
