import type { CommandSpec } from '../command.js';
import { inventoryCommand } from './inventory.js';
import { loginCommand } from './login.js';
import { simCommand } from './sim.js';

/** Every subcommand, in the order `edgekit --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [inventoryCommand, simCommand, loginCommand];
