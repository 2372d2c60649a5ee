import { type Key, useInput } from 'ink';
import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * useInput with a handler that always sees the latest committed state. Ink re-subscribes useInput in a
 * passive effect, so keys that arrive right after a render (fast typing, pastes, tests) would reach the
 * previous render's handler; a layout effect updates the ref within the commit instead.
 */
export function useKeys(handler: (input: string, key: Key) => void, isActive: boolean): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  const stable = useCallback((input: string, key: Key) => latest.current(input, key), []);
  useInput(stable, { isActive });
}
