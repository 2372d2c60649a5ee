/** The screens of the TUI, in tab order. */
export const SCREENS = ['site', 'machines', 'vmhosts', 'planner', 'apply', 'juju', 'upgrade', 'gpu'] as const;
export type ScreenId = (typeof SCREENS)[number];

export const SCREEN_TITLES: Record<ScreenId, string> = {
  site: 'Site',
  machines: 'Machines',
  vmhosts: 'VM hosts',
  planner: 'Planner',
  apply: 'Apply',
  juju: 'Juju',
  upgrade: 'Upgrade',
  gpu: 'GPUs',
};

export function stepScreen(screen: ScreenId, step: 1 | -1): ScreenId {
  const index = SCREENS.indexOf(screen);
  return SCREENS[(index + step + SCREENS.length) % SCREENS.length] ?? 'site';
}
