import type { CommandSpec } from '../command.js';

/** Every subcommand, in the order `edgekit --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [];
