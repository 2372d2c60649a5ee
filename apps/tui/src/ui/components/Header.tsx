import { Box, Text } from 'ink';
import type { SiteDescription } from '../../site/model.js';
import { SCREEN_TITLES, SCREENS, type ScreenId } from '../screens.js';
import type { TerminalSize } from '../terminal.js';
import { Toned } from './Toned.js';

export const SIMULATED_BANNER =
  'SIMULATED demo site (in-process MAAS + Juju simulators on 127.0.0.1). Real site: set MAAS_URL and MAAS_API_KEY, or run `edgekit login maas`.';

/** Lines the header takes at a width: the tab line plus the wrapped banner when simulated. */
export function headerHeight(description: SiteDescription | null, width: number): number {
  return 1 + (description?.simulated ? Math.ceil(SIMULATED_BANNER.length / width) : 0);
}

/**
 * Lines left for a screen's body under the header and above the footer's two lines, with one spare:
 * an Ink frame as tall as the terminal is redrawn by clearing the whole screen.
 */
export function bodyHeight(size: TerminalSize, description: SiteDescription | null): number {
  return size.rows - 1 - headerHeight(description, size.columns) - 2;
}

/** Screen tabs with their number keys, where we are connected, and the simulated-site banner. */
export function Header({ screen, description }: { screen: ScreenId; description: SiteDescription | null }) {
  const where = description ? (description.profile ?? description.maasUrl) : 'connecting…';
  return (
    <Box flexDirection="column">
      <Box>
        {/* The tabs keep their line; the site name gives way (truncated from the start). */}
        <Box flexGrow={1} flexShrink={0}>
          {SCREENS.map((id, i) => (
            <Text key={id} inverse={id === screen} bold={id === screen}>
              {` ${i + 1} ${SCREEN_TITLES[id]} `}
            </Text>
          ))}
        </Box>
        <Text dimColor wrap="truncate-start">
          {' '}
          {where}
        </Text>
      </Box>
      {description?.simulated ? (
        <Toned tone="warn" wrap="wrap">
          {SIMULATED_BANNER}
        </Toned>
      ) : null}
    </Box>
  );
}
