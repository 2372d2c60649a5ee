#!/usr/bin/env node
import { EXIT } from './cli/errors.js';
import { runCli } from './cli/main.js';

const controller = new AbortController();
process.once('SIGINT', () => {
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
