import { Box, Text } from 'ink';
import { type Binding, bindingsFor, type KeyScope } from '../keymap.js';
import { SCREEN_TITLES, type ScreenId } from '../screens.js';

const SCOPES: readonly KeyScope[] = ['global', 'screen', 'confirm'];

interface HelpRow {
  key: string;
  label: string;
  description: string;
}

/** One row per binding, except the screen digits: one row `1-N  screens` keeps the overlay short. */
function helpRows(bindings: readonly Binding[]): HelpRow[] {
  const digits = bindings.filter((b) => b.command.startsWith('screen'));
  const rows = bindings
    .filter((b) => !b.command.startsWith('screen'))
    .map((b) => ({ key: b.command, label: b.label, description: b.description }));
  if (digits.length === 0) return rows;
  const screens = digits.map((b) => b.description).join(', ');
  const label = `${digits[0]?.label}-${digits.at(-1)?.label}`;
  return [{ key: 'screens', label, description: screens }, ...rows];
}

/** The key bindings, generated from the keymap so it can never disagree with it. */
export function HelpOverlay({ width, screen }: { width: number; screen: ScreenId }) {
  const titles: Record<KeyScope, string> = {
    global: 'Everywhere',
    screen: `On ${SCREEN_TITLES[screen]}`,
    confirm: 'In a confirmation',
  };
  const columnWidth = Math.floor((width - 4) / 2);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Keys (? or esc to close)</Text>
      {SCOPES.map((scope) => {
        const bindings = helpRows(bindingsFor(scope, screen));
        if (bindings.length === 0) return null;
        const half = Math.ceil(bindings.length / 2);
        return (
          <Box key={scope} flexDirection="column">
            <Text underline>{titles[scope]}</Text>
            {bindings.slice(0, half).map((left, i) => {
              const right = bindings[half + i];
              const cell = (b: HelpRow) => `${b.label.padEnd(11)}${b.description}`.slice(0, columnWidth - 1);
              return (
                <Text key={left.key}>
                  {cell(left).padEnd(columnWidth)}
                  {right ? cell(right) : ''}
                </Text>
              );
            })}
          </Box>
        );
      })}
    </Box>
  );
}
