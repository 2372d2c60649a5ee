import { createContext, type ReactNode, useContext } from 'react';

/** Colours by meaning, so views say what a thing is and the theme decides how it looks. */
export type Tone = 'ok' | 'busy' | 'warn' | 'bad' | 'muted' | 'accent' | 'info';

const PALETTE: Record<Tone, string> = {
  ok: 'green',
  busy: 'cyan',
  warn: 'yellow',
  bad: 'red',
  muted: 'gray',
  accent: 'magenta',
  info: 'blue',
};

export interface Theme {
  colour: boolean;
  /** Spinners move only when true; tests and pipes get still frames. */
  animate: boolean;
  /** An Ink colour name for a tone, or undefined when colour is off (NO_COLOR). */
  tone(tone: Tone): string | undefined;
}

/** https://no-color.org: a NO_COLOR that is present and not empty turns colour off. */
export function colourWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const noColour = env.NO_COLOR;
  return noColour === undefined || noColour === '';
}

export function makeTheme(colour: boolean, animate = true): Theme {
  return { colour, animate, tone: (tone) => (colour ? PALETTE[tone] : undefined) };
}

const ThemeContext = createContext<Theme>(makeTheme(colourWanted()));

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
