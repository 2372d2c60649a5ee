import { type Key, useInput } from 'ink';
import { useCallback, useLayoutEffect, useReducer, useRef } from 'react';

type Keypress = [input: string, key: Key];

/** Keys with a name (arrows, return, escape, …) arrive whole; only runs of printable text are split. */
const NAMED: readonly (keyof Key)[] = [
  'upArrow',
  'downArrow',
  'leftArrow',
  'rightArrow',
  'pageUp',
  'pageDown',
  'return',
  'escape',
  'tab',
  'backspace',
  'delete',
];

/**
 * One read of the terminal as keypresses. Typing fast, holding a key or pasting puts several characters
 * into one read ("+++++"); each is a keypress of its own, in order, shift set as Ink sets it for one.
 */
export function splitKeys(input: string, key: Key): Keypress[] {
  const chars = [...input];
  const named = NAMED.some((name) => key[name]);
  // Escape and the key typed right after it can reach one read together ("\x1b4"), which Ink reports as
  // Alt+4 (meta). edgekit binds no Alt keys, so it is those two keys, in order; a real Alt+4 sends the
  // same bytes and acts as Escape, then 4.
  if (key.meta && !key.ctrl && !named && chars.length === 1) {
    return [
      ['', { ...key, meta: false, escape: true }],
      [input, { ...key, meta: false }],
    ];
  }
  if (chars.length <= 1 || key.ctrl || key.meta || named) return [[input, key]];
  return chars.map((char) => [char, { ...key, shift: char !== char.toLowerCase() }]);
}

function sameKeypress([inputA, keyA]: Keypress, [inputB, keyB]: Keypress): boolean {
  if (inputA !== inputB) return false;
  const flags = new Set([...Object.keys(keyA), ...Object.keys(keyB)]) as Set<keyof Key>;
  return [...flags].every((flag) => keyA[flag] === keyB[flag]);
}

/**
 * useInput with a handler that always sees the latest committed state, one keypress at a time. Ink
 * re-subscribes useInput in a passive effect, so a key arriving right after a render would reach the
 * previous render's handler; a layout effect updates the ref within the commit instead. Keys that arrive
 * together are queued and handed over one per commit, so each sees the state the one before it made:
 * after each key the next waits, on a timer outside React, until a commit has run the layout effect
 * (draining from a passive effect lost keys in the production build: updates made there never rendered).
 * A run of the same key for which `repeatable` says yes is handed over as one call with its count.
 */
export function useKeys(
  handler: (input: string, key: Key, times: number) => void,
  isActive: boolean,
  repeatable: (input: string, key: Key) => boolean = () => false,
): void {
  const latest = useRef(handler);
  const latestRepeatable = useRef(repeatable);
  const queued = useRef<Keypress[]>([]);
  // From handing a key over until the commit that follows it: the next key waits.
  const awaitingCommit = useRef(false);
  const pumping = useRef(false);
  const [, commit] = useReducer((n: number) => n + 1, 0);
  const pump = useCallback(() => {
    const next = queued.current[0];
    if (next === undefined) {
      pumping.current = false;
      return;
    }
    if (awaitingCommit.current) {
      setTimeout(pump, 1);
      return;
    }
    queued.current.shift();
    // A held or pasted run of one key that is safe to apply at once goes over in one call, one commit:
    // a commit per key would make a burst of ten wait for ten frames of the whole screen.
    let times = 1;
    if (latestRepeatable.current(...next)) {
      while (queued.current[0] !== undefined && sameKeypress(queued.current[0], next)) {
        queued.current.shift();
        times += 1;
      }
    }
    awaitingCommit.current = true;
    latest.current(next[0], next[1], times);
    commit(); // a commit follows even when the key changed nothing
    setTimeout(pump, 0);
  }, []);
  useLayoutEffect(() => {
    latest.current = handler;
    latestRepeatable.current = repeatable;
    awaitingCommit.current = false;
  });
  const stable = useCallback(
    (input: string, key: Key) => {
      queued.current.push(...splitKeys(input, key));
      if (pumping.current) return;
      pumping.current = true;
      pump();
    },
    [pump],
  );
  useInput(stable, { isActive });
}
