import { render } from 'ink';
import { AppContainer } from '../../ui/AppContainer.js';
import { colourWanted, makeTheme, ThemeProvider } from '../../ui/theme.js';
import type { CommandContext } from '../command.js';
import { EXIT } from '../errors.js';
import { openSiteFor } from '../site.js';

/** `edgekit` with no command: the terminal UI on the configured site, or the simulated demo. */
export async function runTui(ctx: CommandContext): Promise<number> {
  let failure: string | null = null;
  const interactive = ctx.stdin.isTTY === true;
  const theme = makeTheme(colourWanted(ctx.env), interactive);
  // Stable functions: the container connects once per `connect` identity.
  const connect = () => openSiteFor(ctx);
  const onFatal = (message: string) => {
    failure = message;
  };
  const app = render(
    <ThemeProvider theme={theme}>
      <AppContainer connect={connect} onFatal={onFatal} />
    </ThemeProvider>,
    { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, exitOnCtrlC: false },
  );
  await app.waitUntilExit();
  return failure === null ? EXIT.ok : EXIT.connection;
}
