import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { makeTheme, ThemeProvider } from '../../src/ui/theme.js';

export type Rendered = ReturnType<typeof render> & {
  /** The last frame with ANSI codes removed. */
  screen(): string;
  /** Waits until the last frame (ANSI stripped) satisfies the predicate; returns it. */
  waitFor(predicate: string | RegExp | ((frame: string) => boolean), what?: string): Promise<string>;
  /** Writes keys, then waits for a frame that satisfies the predicate. */
  press(keys: string, until: string | RegExp | ((frame: string) => boolean)): Promise<string>;
};

export const KEYS = {
  tab: '\t',
  shiftTab: '\u001b[Z',
  escape: '\u001b',
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageDown: '\u001b[6~',
  end: '\u001b[F',
  backspace: '\u007f',
} as const;

/** Rejects after this long without the wanted frame; a guard against hangs, not a timing assertion. */
const WAIT_LIMIT_MS = 15_000;

/** Yields to the event loop so React's scheduler and pending I/O can run. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Renders with colour and spinners off so frames are deterministic, and adds frame-waiting helpers. */
export function renderUi(tree: ReactElement, { colour = false } = {}): Rendered {
  const rendered = render(<ThemeProvider theme={makeTheme(colour, false)}>{tree}</ThemeProvider>);
  const screen = () => stripVTControlCharacters(rendered.lastFrame() ?? '');
  const waitFor: Rendered['waitFor'] = async (predicate, what) => {
    const test =
      typeof predicate === 'function'
        ? predicate
        : typeof predicate === 'string'
          ? (frame: string) => frame.includes(predicate)
          : (frame: string) => predicate.test(frame);
    const deadline = Date.now() + WAIT_LIMIT_MS;
    while (!test(screen())) {
      if (Date.now() > deadline) {
        throw new Error(`no frame showed ${what ?? String(predicate)}; last frame:\n${screen()}`);
      }
      await tick();
    }
    return screen();
  };
  const press: Rendered['press'] = async (keys, until) => {
    rendered.stdin.write(keys);
    return waitFor(until);
  };
  return { ...rendered, screen, waitFor, press };
}
