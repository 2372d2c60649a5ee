import { render } from 'ink';
import { demoDescription } from '../../site/demo.js';
import type { FirstRead } from '../../site/first-read.js';
import type { Inventory, SiteDescription } from '../../site/model.js';
import type { PlannerStart } from '../../ui/hooks/usePlanner.js';
import { MIN_SIZE } from '../../ui/terminal.js';
import { colourWanted, makeTheme, ThemeProvider } from '../../ui/theme.js';
import { StartFrame } from '../../ui/views/StartFrame.js';
import { type CommandContext, stringOption } from '../command.js';
import { EXIT } from '../errors.js';

/**
 * Frames per second at most (Ink's default is 30). Ink holds a frame that comes within 1/fps of the one
 * before until that much after it, so a key pressed just after a replan's answer was drawn waited up to
 * 17 ms at 60 fps before its own frame started; at 240 the wait is at most ~4 ms. Frames come only from
 * commits (keys, answers, data), so the rate is a ceiling, not a cost.
 */
export const RENDER_FPS = 240;

/**
 * `edgekit` with no command: the terminal UI on the configured site, or the simulated demo. `first` is
 * the site's first read, started by the caller before this module (and Ink) loaded.
 */
export async function runTui(ctx: CommandContext, first: FirstRead): Promise<number> {
  // Before the first frame, so a bad --preset/--workload/--bundle is a one-line error, not a screen.
  const plannerStart = await plannerStartFrom(ctx);
  let failure: string | null = null;
  const interactive = ctx.stdin.isTTY === true;
  const theme = makeTheme(colourWanted(ctx.env), interactive);
  // A pipe has no width, and Ink would then run `tput` (a child process, ~40 ms) for every frame: lay
  // out at the UI's minimum width instead, as the frame does anyway.
  if (ctx.stdout.isTTY !== true && !ctx.stdout.columns) ctx.stdout.columns = MIN_SIZE.columns;
  // First frame at once, from light modules only; the screens and SDKs load behind it.
  const frame = (inventory: Inventory | null, description: SiteDescription | null = null) => (
    <ThemeProvider theme={theme}>
      <StartFrame inventory={inventory} description={description} />
    </ThemeProvider>
  );
  const app = render(frame(null), {
    stdin: ctx.stdin,
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    exitOnCtrlC: false,
    maxFps: RENDER_FPS,
  });
  // Until the screens read keys (in raw mode, where Ctrl-C is the quit key), Ctrl-C is a SIGINT: the CLI
  // aborts ctx.signal, and the start stops where it is, closing what it opened.
  const interrupted = () => ctx.signal.aborted;
  const stop = () => app.unmount();
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    // The demo's first read is local and quick: draw it before loading the screens, whose loading holds
    // this thread. A real site's read waits on the network: the screens load meanwhile.
    const choice = await first.choice.catch(() => null);
    const shown = choice?.kind === 'demo' ? await first.inventory.catch(() => undefined) : undefined;
    const demo = shown ? await first.demo.catch(() => null) : null;
    if (interrupted()) return EXIT.interrupted;
    if (shown && demo) app.rerender(frame(shown, demoDescription(demo.maas.url)));
    const [{ AppContainer }, { openSiteFor }] = await Promise.all([
      import('../../ui/AppContainer.js'),
      import('../site.js'),
    ]);
    if (interrupted()) return EXIT.interrupted;
    const opening = openSiteFor(ctx, first);
    // With the first read on the terminal, the screens take over once the site is open (no "opening…").
    const site = shown ? await opening.catch(() => undefined) : undefined;
    if (interrupted()) {
      await site?.close();
      return EXIT.interrupted;
    }
    // Stable functions: the container connects once per `connect` identity.
    const connect = () => opening;
    const onFatal = (message: string) => {
      failure = message;
    };
    app.rerender(
      <ThemeProvider theme={theme}>
        <AppContainer
          connect={connect}
          onFatal={onFatal}
          plannerStart={plannerStart}
          {...(site === undefined || shown === undefined
            ? { firstPaint: first.inventory }
            : { opened: { site, inventory: shown } })}
        />
      </ThemeProvider>,
    );
    await app.waitUntilExit();
    if (interrupted()) return EXIT.interrupted;
    return failure === null ? EXIT.ok : EXIT.connection;
  } finally {
    ctx.signal.removeEventListener('abort', stop);
    // Also when the signal came before the listener did (Ctrl-C while Ink loaded).
    if (interrupted()) stop();
  }
}

/** The planner's preset or workload from the flags; the planner code loads only when one is given. */
async function plannerStartFrom(ctx: CommandContext): Promise<PlannerStart> {
  const preset = stringOption(ctx.values, 'preset');
  const { workload, bundle, overlay } = ctx.values;
  if (preset === undefined && workload === undefined && bundle === undefined && overlay === undefined)
    return {};
  const [{ workloadFromFlags }, { presetNamed }] = await Promise.all([
    import('../../plan/workload-file.js'),
    import('../../plan/settings.js'),
  ]);
  const loaded = await workloadFromFlags(ctx.values);
  if (preset !== undefined) presetNamed(preset);
  return { ...(preset === undefined ? {} : { preset }), workload: loaded };
}
