import { Text } from 'ink';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { splitKeys, useKeys } from '../src/ui/useKeys.js';
import { renderUi } from './support/render.js';

/** Counts `+` and `-` with a handler that reads the rendered state, as the app's handlers do. */
function Counter() {
  const [count, setCount] = useState(0);
  const [typed, setTyped] = useState('');
  useKeys((input, key) => {
    if (key.escape) setTyped(`${typed}<esc>`);
    else if (key.meta) setTyped(`${typed}<alt-${input}>`);
    else if (input === '+') setCount(count + 1);
    else if (input === '-') setCount(count - 1);
    else setTyped(typed + input);
  }, true);
  return <Text>{`count ${count} typed ${typed}`}</Text>;
}

/** `+` repeatable: a run arrives as one call with its count; commits are counted to see the runs. */
function RunCounter({ calls }: { calls: number[] }) {
  const [count, setCount] = useState(0);
  const [typed, setTyped] = useState('');
  useKeys(
    (input, _key, times) => {
      calls.push(times);
      if (input === '+') setCount((n) => n + times);
      else setTyped(typed + input);
    },
    true,
    (input) => input === '+',
  );
  return <Text>{`count ${count} typed ${typed}`}</Text>;
}

describe('keys that arrive together (typing fast, holding a key, pasting)', () => {
  it('hands a run of a repeatable key over as one call with its count; other keys one at a time', async () => {
    const calls: number[] = [];
    const app = renderUi(<RunCounter calls={calls} />);
    await app.waitFor('count 0');
    app.stdin.write('++++++++++');
    await app.waitFor('count 10');
    expect(calls).toEqual([10]);
    app.stdin.write('++ab+++');
    await app.waitFor('count 15 typed ab');
    expect(calls).toEqual([10, 2, 1, 1, 3]);
    app.unmount();
  });

  it('applies every key of one read, in order, each seeing the state the one before made', async () => {
    const app = renderUi(<Counter />);
    await app.waitFor('count 0');
    app.stdin.write('+++++');
    await app.waitFor('count 5');
    app.stdin.write('++-Ab');
    await app.waitFor('count 6 typed Ab');
    for (let i = 0; i < 50; i += 1) app.stdin.write('++++++++++');
    await app.waitFor('count 506 typed Ab');
    app.unmount();
  });

  it('reads Escape and the key right after it, arriving in one read, as those two keys', async () => {
    const app = renderUi(<Counter />);
    await app.waitFor('count 0');
    // What a terminal sends for Esc then 4 typed quickly (and for Alt+4): Ink reports it as meta+4.
    app.stdin.write('\u001b4');
    await app.waitFor('count 0 typed <esc>4');
    app.stdin.write('\u001b');
    await app.waitFor('count 0 typed <esc>4<esc>');
    app.unmount();
  });

  it('splits printable runs only: arrows, escape and ctrl keys stay whole', () => {
    const key = { shift: false, ctrl: false, meta: false } as Parameters<typeof splitKeys>[1];
    expect(splitKeys('+++', key).map(([input]) => input)).toEqual(['+', '+', '+']);
    expect(splitKeys('aB', key).map(([, k]) => k.shift)).toEqual([false, true]);
    expect(splitKeys('ab', { ...key, ctrl: true })).toHaveLength(1);
    expect(splitKeys('', { ...key, upArrow: true })).toHaveLength(1);
  });
});
