#!/usr/bin/env node
import { EXIT } from './cli/errors.js';
import { runCli } from './cli/main.js';

const controller = new AbortController();
// The first Ctrl-C asks the command to stop (its waits abort, what it opened is closed); a second one
// leaves at once. A listener that stays (not `once`): Ink's signal-exit re-raises a SIGINT that no other
// listener takes, which killed the process mid-way instead of letting it stop.
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(EXIT.interrupted);
  controller.abort();
  process.exitCode = EXIT.interrupted;
});

runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
}).then((code) => {
  process.exitCode = code;
});
