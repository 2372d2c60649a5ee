import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands/index.js';
import { HELP_WIDTH, helpText } from '../src/cli/help.js';

const text = helpText(COMMANDS);
/** The help with its line breaks and indentation folded away, to check content survives wrapping. */
const flat = text.replace(/\s+/g, ' ');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('edgekit --help', () => {
  it('fits an 80-column terminal', () => {
    expect(HELP_WIDTH).toBe(80);
    const long = text.split('\n').filter((line) => line.length > 80);
    expect(long).toEqual([]);
  });
  it('keeps every command, its whole usage and its summary', () => {
    for (const command of COMMANDS) {
      expect(flat).toContain(squash(`edgekit ${command.name} ${command.usage}`));
      expect(flat).toContain(squash(command.summary));
    }
  });
  it('puts each summary on its own line, indented under its synopsis', () => {
    const lines = text.split('\n');
    const plan = lines.findIndex((line) => line.startsWith('  edgekit plan '));
    const summary = lines.slice(plan + 1).find((line) => !line.startsWith('               '));
    expect(summary).toMatch(/^ {6}plan a /);
  });
});
