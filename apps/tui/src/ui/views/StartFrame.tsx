import { Box, Text } from 'ink';
import type { Inventory, SiteDescription } from '../../site/model.js';
import { bodyHeight, Header } from '../components/Header.js';
import { useTerminalSize } from '../terminal.js';
import { SiteView } from './SiteView.js';

/**
 * The terminal before the screens have loaded, laid out as the Site screen is: the header, then the
 * first read's inventory once it has come (Juju still connecting). Light modules only: it is drawn
 * while the rest of the UI loads.
 */
export function StartFrame({
  inventory,
  description,
}: {
  inventory: Inventory | null;
  description: SiteDescription | null;
}) {
  const size = useTerminalSize();
  const body = bodyHeight(size, description);
  return (
    <Box flexDirection="column" width={size.columns}>
      <Header screen="site" description={description} />
      <Box flexDirection="column" height={body} overflowY="hidden">
        {inventory === null ? (
          <Text>starting edgekit…</Text>
        ) : (
          <SiteView
            inventory={inventory}
            juju={null}
            jujuNote="connecting to Juju…"
            width={size.columns}
            height={body}
          />
        )}
      </Box>
    </Box>
  );
}
