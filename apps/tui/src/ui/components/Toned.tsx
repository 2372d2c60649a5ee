import { Text, type TextProps } from 'ink';
import type { ReactNode } from 'react';
import { type Tone, useTheme } from '../theme.js';

/** Text in the colour of a tone, or plain when colour is off. */
export function Toned({
  tone,
  children,
  ...rest
}: { tone: Tone; children: ReactNode } & Omit<TextProps, 'color'>) {
  const colour = useTheme().tone(tone);
  return (
    <Text {...rest} {...(colour === undefined ? {} : { color: colour })}>
      {children}
    </Text>
  );
}
