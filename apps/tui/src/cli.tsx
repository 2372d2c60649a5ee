#!/usr/bin/env node
import { render } from 'ink';
import { parseCli, UsageError } from './cli/args.js';
import { HELP_TEXT } from './cli/help.js';
import { Home } from './ui/Home.js';
import { EDGEKIT_VERSION } from './version.js';

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCli(argv);
  switch (command.kind) {
    case 'version':
      process.stdout.write(`${EDGEKIT_VERSION}\n`);
      return 0;
    case 'help':
      process.stdout.write(HELP_TEXT);
      return 0;
    case 'tui': {
      const app = render(<Home />);
      // Without a terminal there is nobody to press q: show one frame and leave.
      if (!process.stdin.isTTY) app.unmount();
      await app.waitUntilExit();
      return 0;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`edgekit: ${(error as Error).message}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
