import type { Key } from 'ink';
import type { ScreenId } from './screens.js';

/**
 * Every key binding of the TUI, by named command, in one place. The container turns a keypress into a
 * command with `commandFor` and dispatches it; views never read keys. The help overlay is generated
 * from this table, so what `?` shows is exactly what is bound.
 */
export type Command =
  | 'quit'
  | 'help'
  | 'nextScreen'
  | 'prevScreen'
  | 'screenSite'
  | 'screenMachines'
  | 'screenVmHosts'
  | 'screenPlanner'
  | 'screenApply'
  | 'screenJuju'
  | 'screenUpgrade'
  | 'screenGpu'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'first'
  | 'last'
  | 'left'
  | 'right'
  | 'open'
  | 'back'
  | 'filter'
  | 'refresh'
  | 'deploy'
  | 'release'
  | 'commission'
  | 'powerOn'
  | 'powerOff'
  | 'edit'
  | 'increase'
  | 'decrease'
  | 'cyclePreset'
  | 'save'
  | 'exportJuju'
  | 'dryRun'
  | 'apply'
  | 'rollback'
  | 'planUpgrade'
  | 'startUpgrade'
  | 'pauseUpgrade'
  | 'deployDemoKubernetes'
  | 'drain'
  | 'undrain'
  | 'heal'
  | 'confirm'
  | 'rehearse'
  | 'cancel';

type KeyName = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end';
type KeyFlag = KeyName | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

/** One way to press a command: a printable character, or a named key with optional shift. */
export type Chord = { input: string } | { key: KeyFlag; shift?: boolean };

/** Where a binding applies: everywhere, in list screens, in a confirmation prompt. */
export type KeyScope = 'global' | 'screen' | 'confirm';

export interface Binding {
  command: Command;
  chords: readonly Chord[];
  label: string;
  description: string;
  scope: KeyScope;
  /** Screens where a 'screen' binding does something; the help overlay lists only those. */
  screens?: readonly ScreenId[];
}

const LISTS: readonly ScreenId[] = ['machines', 'vmhosts', 'planner', 'juju', 'gpu'];
const MACHINES: readonly ScreenId[] = ['machines'];

const k = (key: KeyFlag, shift?: boolean): Chord => (shift === undefined ? { key } : { key, shift });
const c = (input: string): Chord => ({ input });

export const BINDINGS: readonly Binding[] = [
  {
    command: 'help',
    chords: [c('?')],
    label: '?',
    description: 'show or hide key bindings',
    scope: 'global',
  },
  { command: 'quit', chords: [c('q')], label: 'q', description: 'quit', scope: 'global' },
  {
    command: 'nextScreen',
    chords: [k('tab', false)],
    label: 'tab',
    description: 'next screen',
    scope: 'global',
  },
  {
    command: 'prevScreen',
    chords: [k('tab', true)],
    label: 'S-tab',
    description: 'previous screen',
    scope: 'global',
  },
  { command: 'screenSite', chords: [c('1')], label: '1', description: 'site', scope: 'global' },
  { command: 'screenMachines', chords: [c('2')], label: '2', description: 'machines', scope: 'global' },
  { command: 'screenVmHosts', chords: [c('3')], label: '3', description: 'VM hosts', scope: 'global' },
  { command: 'screenPlanner', chords: [c('4')], label: '4', description: 'planner', scope: 'global' },
  { command: 'screenApply', chords: [c('5')], label: '5', description: 'apply', scope: 'global' },
  { command: 'screenJuju', chords: [c('6')], label: '6', description: 'Juju status', scope: 'global' },
  { command: 'screenUpgrade', chords: [c('7')], label: '7', description: 'upgrade', scope: 'global' },
  { command: 'screenGpu', chords: [c('8')], label: '8', description: 'GPU machines', scope: 'global' },
  {
    command: 'refresh',
    chords: [c('R')],
    label: 'R',
    description: 'reload from the servers',
    scope: 'global',
  },
  {
    command: 'up',
    chords: [k('upArrow'), c('k')],
    label: '↑/k',
    description: 'move up',
    scope: 'screen',
    screens: LISTS,
  },
  {
    command: 'down',
    chords: [k('downArrow'), c('j')],
    label: '↓/j',
    description: 'move down',
    scope: 'screen',
    screens: LISTS,
  },
  {
    command: 'pageUp',
    chords: [k('pageUp')],
    label: 'PgUp',
    description: 'page up',
    scope: 'screen',
    screens: LISTS,
  },
  {
    command: 'pageDown',
    chords: [k('pageDown'), c(' ')],
    label: 'PgDn/space',
    description: 'page down',
    scope: 'screen',
    screens: LISTS,
  },
  {
    command: 'first',
    chords: [k('home'), c('g')],
    label: 'Home/g',
    description: 'first row',
    scope: 'screen',
    screens: LISTS,
  },
  {
    command: 'last',
    chords: [k('end'), c('G')],
    label: 'End/G',
    description: 'last row',
    scope: 'screen',
    screens: LISTS,
  },
  {
    command: 'left',
    chords: [k('leftArrow'), c('h')],
    label: '←/h',
    description: 'previous field',
    scope: 'screen',
    screens: ['vmhosts', 'planner'],
  },
  {
    command: 'right',
    chords: [k('rightArrow'), c('l')],
    label: '→/l',
    description: 'next field',
    scope: 'screen',
    screens: ['vmhosts', 'planner'],
  },
  {
    command: 'open',
    chords: [k('return')],
    label: 'enter',
    description: 'details / choose',
    scope: 'screen',
    screens: ['machines', 'vmhosts'],
  },
  {
    command: 'back',
    chords: [k('escape')],
    label: 'esc',
    description: 'close details, clear filter',
    scope: 'screen',
    screens: ['machines', 'vmhosts'],
  },
  {
    command: 'filter',
    chords: [c('/')],
    label: '/',
    description: 'filter (status:, zone:, tag:, text)',
    scope: 'screen',
    screens: ['machines'],
  },
  {
    command: 'deploy',
    chords: [c('d')],
    label: 'd',
    description: 'deploy the machine',
    scope: 'screen',
    screens: MACHINES,
  },
  {
    command: 'release',
    chords: [c('r')],
    label: 'r',
    description: 'release the machine',
    scope: 'screen',
    screens: MACHINES,
  },
  {
    command: 'commission',
    chords: [c('c')],
    label: 'c',
    description: 'commission the machine',
    scope: 'screen',
    screens: MACHINES,
  },
  {
    command: 'powerOn',
    chords: [c('o')],
    label: 'o',
    description: 'power on',
    scope: 'screen',
    screens: MACHINES,
  },
  {
    command: 'powerOff',
    chords: [c('f')],
    label: 'f',
    description: 'power off',
    scope: 'screen',
    screens: MACHINES,
  },
  {
    command: 'edit',
    chords: [c('e')],
    label: 'e',
    description: 'edit the selected value',
    scope: 'screen',
    screens: ['vmhosts', 'planner'],
  },
  {
    command: 'increase',
    chords: [c('+'), c('=')],
    label: '+',
    description: 'increase the field',
    scope: 'screen',
    screens: ['vmhosts', 'planner'],
  },
  {
    command: 'decrease',
    chords: [c('-')],
    label: '-',
    description: 'decrease the field',
    scope: 'screen',
    screens: ['vmhosts', 'planner'],
  },
  {
    command: 'cyclePreset',
    chords: [c('p')],
    label: 'p',
    description: 'next preset',
    scope: 'screen',
    screens: ['planner'],
  },
  {
    command: 'save',
    chords: [c('s')],
    label: 's',
    description: 'save (plan file / ratios)',
    scope: 'screen',
    screens: ['vmhosts', 'planner'],
  },
  {
    command: 'exportJuju',
    chords: [c('x')],
    label: 'x',
    description: 'save + export bundle, overlay',
    scope: 'screen',
    screens: ['planner'],
  },
  {
    command: 'dryRun',
    chords: [c('D')],
    label: 'D',
    description: 'dry run: show the diff',
    scope: 'screen',
    screens: ['apply'],
  },
  {
    command: 'apply',
    chords: [c('a')],
    label: 'a',
    description: 'apply the plan',
    scope: 'screen',
    screens: ['apply'],
  },
  {
    command: 'rollback',
    chords: [c('B')],
    label: 'B',
    description: 'roll back the plan',
    scope: 'screen',
    screens: ['apply'],
  },
  {
    command: 'planUpgrade',
    chords: [c('p')],
    label: 'p',
    description: 'plan the upgrade to the next minor',
    scope: 'screen',
    screens: ['upgrade'],
  },
  {
    command: 'startUpgrade',
    chords: [c('u')],
    label: 'u',
    description: 'start or resume the upgrade',
    scope: 'screen',
    screens: ['upgrade'],
  },
  {
    command: 'pauseUpgrade',
    chords: [c('z')],
    label: 'z',
    description: 'pause after the current step',
    scope: 'screen',
    screens: ['upgrade'],
  },
  {
    command: 'deployDemoKubernetes',
    chords: [c('d')],
    label: 'd',
    description: 'demo: deploy Charmed Kubernetes 1.35',
    scope: 'screen',
    screens: ['upgrade'],
  },
  {
    command: 'drain',
    chords: [c('D')],
    label: 'D',
    description: 'drain the host: move its units elsewhere, add before remove',
    scope: 'screen',
    screens: ['vmhosts'],
  },
  {
    command: 'undrain',
    chords: [c('U')],
    label: 'U',
    description: 'undrain the host: placement may use it again',
    scope: 'screen',
    screens: ['vmhosts'],
  },
  {
    command: 'heal',
    chords: [c('H')],
    label: 'H',
    description: 'heal: restore the units of down machines on new VMs',
    scope: 'screen',
    screens: ['site', 'vmhosts'],
  },
  { command: 'confirm', chords: [c('y')], label: 'y', description: 'confirm', scope: 'confirm' },
  {
    command: 'rehearse',
    chords: [c('r')],
    label: 'r',
    description: 'rehearse first: run it on a simulated twin of the site and show what it would do',
    scope: 'confirm',
  },
  {
    command: 'cancel',
    chords: [c('n'), k('escape')],
    label: 'n/esc',
    description: 'cancel',
    scope: 'confirm',
  },
];

function matches(chord: Chord, input: string, key: Key): boolean {
  if ('input' in chord) return !key.ctrl && !key.meta && input === chord.input;
  if (!key[chord.key]) return false;
  return chord.shift === undefined || chord.shift === key.shift;
}

/**
 * The command a keypress means in the given scopes, first scope winning. A confirmation prompt passes
 * only ['confirm'], so no other key can act behind it; Ctrl-C always quits.
 */
export function commandFor(
  input: string,
  key: Key,
  scopes: readonly KeyScope[],
  screen: ScreenId,
): Command | undefined {
  if (key.ctrl && input === 'c') return 'quit';
  for (const scope of scopes) {
    for (const binding of bindingsFor(scope, screen)) {
      if (binding.chords.some((chord) => matches(chord, input, key))) return binding.command;
    }
  }
  return undefined;
}

/** The label of the first binding of a command, for hints in the footer. */
export function keyLabel(command: Command): string {
  return BINDINGS.find((binding) => binding.command === command)?.label ?? '';
}

/** The bindings of a scope that apply on a screen (global and confirm bindings apply everywhere). */
export function bindingsFor(scope: KeyScope, screen: ScreenId): Binding[] {
  return BINDINGS.filter(
    (binding) =>
      binding.scope === scope && (binding.screens === undefined || binding.screens.includes(screen)),
  );
}
