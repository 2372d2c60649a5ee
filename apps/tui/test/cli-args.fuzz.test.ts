import { fuzzSettings } from '@edgekit/common/fuzz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../src/cli/classify.js';
import { COMMANDS } from '../src/cli/commands/index.js';
import { settingsFrom } from '../src/cli/commands/plan.js';
import { EXIT } from '../src/cli/errors.js';
import { parseInvocation } from '../src/cli/main.js';
import { fileNameFrom } from '../src/plan/file-name.js';

const options = fuzzSettings();

const OPTIONS = [...new Set(COMMANDS.flatMap((command) => Object.keys(command.options ?? {})))].map(
  (o) => `--${o}`,
);
const value = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'kubernetes-worker=4',
    'etcd=0',
    '__proto__=5',
    'constructor=1',
    'no-such-role=5',
    'x=',
    '=3',
    '1e9',
    '-1',
    'NaN',
    'toString',
  ),
);
const argument = fc.oneof(
  fc.constantFrom(...COMMANDS.map((c) => c.name)),
  fc.constantFrom(...OPTIONS, '--json', '--yaml', '-o', '--debug'),
  value,
);

/**
 * Bad input on the command line must be a one-line message with exit code 2, never a stack trace or
 * another exit code; every case answers within a second.
 */
function usageOutcome(run: () => unknown): void {
  const started = performance.now();
  try {
    run();
  } catch (error) {
    const { message, exitCode } = classifyError(error);
    expect(exitCode, message).toBe(EXIT.usage);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/ at .*\.(ts|js):\d+/);
  } finally {
    expect(performance.now() - started).toBeLessThan(1000);
  }
}

describe('the command line under fuzz', () => {
  it('parses any argument list, or says in one line what is wrong (exit 2)', () => {
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 8 }), (argv) => {
        usageOutcome(() => {
          const parsed = parseInvocation(argv);
          if (
            typeof parsed === 'object' &&
            parsed.command !== 'tui' &&
            ['plan', 'size'].includes(parsed.command.name)
          ) {
            settingsFrom(parsed.values);
          }
        });
      }),
      options,
    );
  });

  it('derives a file name from any document name that stays a plain name', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom('../../../../x', '/etc/passwd', '..', '.', 'a/b', 'C:\\x')),
        (name) => {
          const file = fileNameFrom(name);
          expect(file).not.toMatch(/[/\\]/);
          expect(['', '.', '..']).not.toContain(file);
        },
      ),
      options,
    );
  });
});
