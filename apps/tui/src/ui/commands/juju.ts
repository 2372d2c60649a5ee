import type { Command } from '../keymap.js';
import type { ScreenContext } from './context.js';

/** Lines a scroll command moves a text screen (Juju, GPUs): a line, a page, or to either end. */
function scrollStep(command: Command, bodyHeight: number): number | undefined {
  const page = Math.max(1, bodyHeight - 3);
  const steps: Partial<Record<Command, number>> = {
    up: -1,
    down: 1,
    pageUp: -page,
    pageDown: page,
    first: -Infinity,
    last: Infinity,
  };
  return steps[command];
}

/** Juju screen: scroll. */
export function onJujuCommand(command: Command, ctx: ScreenContext): void {
  const step = scrollStep(command, ctx.bodyHeight);
  if (step !== undefined) ctx.dispatch({ type: 'jujuScroll', step });
}

/** GPU screen: scroll. */
export function onGpuCommand(command: Command, ctx: ScreenContext): void {
  const step = scrollStep(command, ctx.bodyHeight);
  if (step !== undefined) ctx.dispatch({ type: 'gpuScroll', step });
}
