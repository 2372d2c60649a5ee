import type { CommandSpec, ParseArgsOptionsConfig } from '../command.js';

/** What to plan: a preset, or a workload or bundle file (exclusive); `edgekit` itself takes them too. */
export const WORKLOAD_OPTIONS: ParseArgsOptionsConfig = {
  preset: { type: 'string' },
  workload: { type: 'string' },
  bundle: { type: 'string' },
  overlay: { type: 'string', multiple: true },
};

/** Options of plan and size (kept here so --help and parsing need no planner code loaded). */
const PLANNING_OPTIONS = {
  ...WORKLOAD_OPTIONS,
  count: { type: 'string', multiple: true },
  cores: { type: 'string', multiple: true },
  memory: { type: 'string', multiple: true },
  'cpu-ratio': { type: 'string' },
  'memory-ratio': { type: 'string' },
  rule: { type: 'string' },
  objective: { type: 'string' },
  'tolerate-failures': { type: 'string' },
  inventory: { type: 'string' },
} as const;

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
    name: 'plan',
    summary:
      'plan a preset, workload file or Juju bundle on the site (live placement, compose requests, bundle) and save it',
    usage:
      '[--preset NAME | --workload FILE | --bundle FILE] [--overlay FILE]... [-o plan.yaml] [--count ROLE=N] [--cores ROLE=N] [--memory ROLE=GiB] [--cpu-ratio R]',
    options: { ...PLANNING_OPTIONS, output: { type: 'string', short: 'o' } },
    run: async (ctx) => (await import('./plan.js')).runPlan(ctx),
  },
  {
    name: 'size',
    summary:
      'how many VM hosts a preset, workload or bundle needs (with --tolerate-failures 1: surviving one host loss)',
    usage:
      '[--preset NAME | --workload FILE | --bundle FILE] [--overlay FILE]... [--tolerate-failures 0|1] [--count ROLE=N] [--rule server|ui]',
    options: PLANNING_OPTIONS,
    run: async (ctx) => (await import('./plan.js')).runSize(ctx),
  },
  {
    name: 'place',
    summary: 'run the placement engine on a problem file (hosts and VMs, JSON or YAML)',
    usage: '--input problem.json [--objective pack|spread] [--rule server|ui]',
    options: { input: { type: 'string' }, objective: { type: 'string' }, rule: { type: 'string' } },
    run: async (ctx) => (await import('./place.js')).runPlace(ctx),
  },
  {
    name: 'bundle',
    summary: 'print (or write with -o DIR) the Juju bundle and placement overlay of a plan',
    usage: 'plan.yaml [-o DIR]',
    positionals: [1, 1],
    options: { output: { type: 'string', short: 'o' } },
    run: async (ctx) => (await import('./bundle.js')).runBundle(ctx),
  },
  {
    name: 'apply',
    summary: 'apply a plan: ratios, tags, compose VMs, Juju machines, bundle, wait active (resumable)',
    usage: 'plan.yaml [--dry-run]',
    positionals: [1, 1],
    options: { 'dry-run': { type: 'boolean' } },
    run: async (ctx) => (await import('./apply.js')).runApplyCommand(ctx),
  },
  {
    name: 'rollback',
    summary: 'undo a plan: remove its applications, Juju machines, composed VMs and tags',
    usage: 'plan.yaml',
    positionals: [1, 1],
    run: async (ctx) => (await import('./apply.js')).runRollbackCommand(ctx),
  },
  {
    name: 'upgrade',
    summary:
      'upgrade Charmed Kubernetes in the model one minor version without downtime, in place or blue-green (resumable)',
    usage:
      '--to VERSION [--strategy in-place|blue-green] [--max-unavailable N] [-o upgrade.yaml] [--dry-run] [--yes] | --resume upgrade.yaml [--dry-run] [--yes]',
    options: {
      to: { type: 'string' },
      resume: { type: 'string' },
      strategy: { type: 'string' },
      'max-unavailable': { type: 'string' },
      output: { type: 'string', short: 'o' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
    },
    run: async (ctx) => (await import('./upgrade.js')).runUpgrade(ctx),
  },
  {
    name: 'drain',
    summary: 'empty a VM host for maintenance: replace its VMs elsewhere, add before remove (resumable)',
    usage: 'HOST [--dry-run] [--yes]',
    positionals: [1, 1],
    options: { 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } },
    run: async (ctx) => (await import('./day2.js')).runDrain(ctx),
  },
  {
    name: 'undrain',
    summary: 'let placement use a drained VM host again',
    usage: 'HOST',
    positionals: [1, 1],
    run: async (ctx) => (await import('./day2.js')).runUndrain(ctx),
  },
  {
    name: 'heal',
    summary: 'restore the units of machines Juju shows down onto new VMs, most critical first (resumable)',
    usage: '[--dry-run] [--yes]',
    options: { 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } },
    run: async (ctx) => (await import('./day2.js')).runHeal(ctx),
  },
  {
    name: 'snapshot',
    summary:
      'write the site (MAAS machines, VM hosts, VMs; the Juju model) as one document a twin starts from',
    usage: '[-o site.yaml]',
    options: { output: { type: 'string', short: 'o' } },
    run: async (ctx) => (await import('./snapshot.js')).runSnapshot(ctx),
  },
  {
    name: 'rehearse',
    summary:
      'run a plan, upgrade, drain or heal on a simulated twin of the site first: the calls it makes, the end state, what fails',
    usage: 'PLAN_FILE | drain HOST | heal [--site site.yaml]',
    positionals: [1, 2],
    options: { site: { type: 'string' } },
    run: async (ctx) => (await import('./rehearse.js')).runRehearse(ctx),
  },
  {
    name: 'sim',
    summary:
      'run the simulated demo site, or a twin of a snapshot (--from), in the foreground (profile "sim") until Ctrl-C',
    usage: '[maas|juju|all] [--port N] [--from site.yaml]',
    positionals: [0, 1],
    options: { port: { type: 'string' }, seed: { type: 'string' }, from: { type: 'string' } },
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
