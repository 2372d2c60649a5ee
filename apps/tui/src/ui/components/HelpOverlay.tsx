import { Box, Text } from 'ink';
import { type Binding, bindingsFor, type KeyScope } from '../keymap.js';
import { SCREEN_TITLES, type ScreenId } from '../screens.js';

const SCOPES: readonly KeyScope[] = ['global', 'screen', 'confirm'];

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
        const bindings = bindingsFor(scope, screen);
        if (bindings.length === 0) return null;
        const half = Math.ceil(bindings.length / 2);
        return (
          <Box key={scope} flexDirection="column">
            <Text underline>{titles[scope]}</Text>
            {bindings.slice(0, half).map((left, i) => {
              const right = bindings[half + i];
              const cell = (b: Binding) => `${b.label.padEnd(11)}${b.description}`.slice(0, columnWidth - 1);
              return (
                <Text key={left.command}>
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
