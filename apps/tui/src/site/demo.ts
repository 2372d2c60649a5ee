import type { SiteDescription } from './model.js';

/** The demo runs fast: a deploy that takes minutes on real hardware takes seconds here. */
export const DEMO_TIME_SCALE = 60;

/** How the demo is named on the screens (the header's site). */
export const DEMO_LABEL = 'demo (simulated)';

/** The demo's description before its Juju is connected (the terminal UI's first frames). */
export function demoDescription(maasUrl: string): SiteDescription {
  return { simulated: true, maasUrl, jujuEndpoint: null, profile: DEMO_LABEL };
}
