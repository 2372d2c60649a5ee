import { Box, render, Text } from 'ink';
import { Header } from '../../ui/components/Header.js';
import { colourWanted, makeTheme, ThemeProvider } from '../../ui/theme.js';
import type { CommandContext } from '../command.js';
import { EXIT } from '../errors.js';

/** `edgekit` with no command: the terminal UI on the configured site, or the simulated demo. */
export async function runTui(ctx: CommandContext): Promise<number> {
  let failure: string | null = null;
  const interactive = ctx.stdin.isTTY === true;
  const theme = makeTheme(colourWanted(ctx.env), interactive);
  // First frame at once, from light modules only; the screens, SDKs and simulators load behind it.
  const app = render(
    <ThemeProvider theme={theme}>
      <Box flexDirection="column">
        <Header screen="site" description={null} />
        <Text>starting edgekit…</Text>
      </Box>
    </ThemeProvider>,
    { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, exitOnCtrlC: false },
  );
  const [{ AppContainer }, { openSiteFor }] = await Promise.all([
    import('../../ui/AppContainer.js'),
    import('../site.js'),
  ]);
  // Stable functions: the container connects once per `connect` identity.
  const connect = () => openSiteFor(ctx);
  const onFatal = (message: string) => {
    failure = message;
  };
  app.rerender(
    <ThemeProvider theme={theme}>
      <AppContainer connect={connect} onFatal={onFatal} />
    </ThemeProvider>,
  );
  await app.waitUntilExit();
  return failure === null ? EXIT.ok : EXIT.connection;
}
