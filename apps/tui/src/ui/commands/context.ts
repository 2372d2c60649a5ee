import type { Dispatch } from 'react';
import type { Command } from '../keymap.js';
import type { UiAction, UiState } from '../state.js';

/** What every screen's command handler sees: the UI state of this render and the one way to change it. */
export interface ScreenContext {
  ui: UiState;
  dispatch: Dispatch<UiAction>;
  /** Lines the screen's body has. */
  bodyHeight: number;
}

/** The cursor moves shared by every list screen. */
export const MOVES: Partial<Record<Command, number | 'first' | 'last'>> = {
  up: -1,
  down: 1,
  first: 'first',
  last: 'last',
};

/** A move of the cursor for a list `height` rows tall, or undefined when the command is not a move. */
export function listMove(command: Command, height: number): number | 'first' | 'last' | undefined {
  if (command === 'pageUp') return -height;
  if (command === 'pageDown') return height;
  return MOVES[command];
}
