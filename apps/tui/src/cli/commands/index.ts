import type { CommandSpec } from '../command.js';

/**
 * Every subcommand, in the order `edgekit --help` lists them. Implementations load on first use, so
 * `edgekit --version` and `--help` start without loading the SDKs and simulators.
 */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'inventory',
    summary: 'list zones, machines and VM hosts (with over-commit headroom) of the site',
    usage: '',
    run: async (ctx) => (await import('./inventory.js')).runInventory(ctx),
  },
  {
    name: 'status',
    summary: 'summarise the site: MAAS machines by status, VM host use, Juju applications and units',
    usage: '',
    run: async (ctx) => (await import('./status.js')).runStatus(ctx),
  },
  {
    name: 'sim',
    summary: 'run the simulated demo site in the foreground (profile "sim") until Ctrl-C',
    usage: '[maas|juju|all] [--port N]',
    positionals: [0, 1],
    options: { port: { type: 'string' }, seed: { type: 'string' } },
    run: async (ctx) => (await import('./sim.js')).runSim(ctx),
  },
  {
    name: 'login',
    summary: 'check and save MAAS or Juju credentials as a profile (mode 0600)',
    usage: 'maas|juju [--url URL | --endpoint HOST:PORT] [--username|--user U] [--profile NAME]',
    positionals: [1, 1],
    options: {
      url: { type: 'string' },
      username: { type: 'string' },
      'ca-cert': { type: 'string' },
      insecure: { type: 'boolean' },
      endpoint: { type: 'string' },
      user: { type: 'string' },
      model: { type: 'string' },
    },
    run: async (ctx) => (await import('./login.js')).runLogin(ctx),
  },
];
