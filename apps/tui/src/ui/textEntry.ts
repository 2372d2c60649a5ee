import type { Key } from 'ink';

export type EntryResult =
  | { kind: 'edit'; text: string }
  | { kind: 'commit'; text: string }
  | { kind: 'cancel' };

/** What a keypress does to a line being typed: enter commits, esc cancels, backspace deletes. */
export function editLine(text: string, input: string, key: Key): EntryResult {
  if (key.return) return { kind: 'commit', text };
  if (key.escape) return { kind: 'cancel' };
  if (key.backspace || key.delete) return { kind: 'edit', text: text.slice(0, -1) };
  if (key.ctrl && input === 'u') return { kind: 'edit', text: '' };
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow) return { kind: 'edit', text };
  // Pasted text arrives as one input; keep printable characters only.
  return { kind: 'edit', text: text + [...input].filter(isPrintable).join('') };
}

function isPrintable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x20 && code !== 0x7f;
}
