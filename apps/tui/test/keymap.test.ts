import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { BINDINGS, bindingsFor, commandFor } from '../src/ui/keymap.js';
import { SCREENS } from '../src/ui/screens.js';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} as Key;

describe('keymap', () => {
  it('maps characters and named keys to commands', () => {
    expect(commandFor('q', NO_KEY, ['global', 'screen'], 'site')).toBe('quit');
    expect(commandFor('', { ...NO_KEY, tab: true }, ['global'], 'site')).toBe('nextScreen');
    expect(commandFor('', { ...NO_KEY, tab: true, shift: true }, ['global'], 'site')).toBe('prevScreen');
    expect(commandFor('', { ...NO_KEY, downArrow: true }, ['global', 'screen'], 'machines')).toBe('down');
    expect(commandFor('c', { ...NO_KEY, ctrl: true }, ['confirm'], 'machines')).toBe('quit');
  });

  it('binds screen keys only where they act', () => {
    expect(commandFor('d', NO_KEY, ['global', 'screen'], 'machines')).toBe('deploy');
    expect(commandFor('d', NO_KEY, ['global', 'screen'], 'site')).toBeUndefined();
  });

  it('lets nothing but y/n/esc through a confirmation', () => {
    expect(commandFor('q', NO_KEY, ['confirm'], 'machines')).toBeUndefined();
    expect(commandFor('y', NO_KEY, ['confirm'], 'machines')).toBe('confirm');
    expect(commandFor('', { ...NO_KEY, escape: true }, ['confirm'], 'machines')).toBe('cancel');
  });

  it('never binds one chord to two commands on the same screen', () => {
    for (const screen of SCREENS) {
      const seen = new Map<string, string>();
      for (const binding of [...bindingsFor('global', screen), ...bindingsFor('screen', screen)]) {
        for (const chord of binding.chords) {
          const id = JSON.stringify(chord);
          expect(seen.get(id), `${id} on ${screen}`).toBeUndefined();
          seen.set(id, binding.command);
        }
      }
    }
  });

  it('describes every binding for the help overlay', () => {
    for (const binding of BINDINGS) expect(binding.description.length).toBeGreaterThan(3);
  });
});
