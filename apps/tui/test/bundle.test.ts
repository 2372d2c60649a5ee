import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const builtins = new Set(builtinModules);

/**
 * Every module specifier the built JavaScript imports: esbuild writes static imports at the start of a
 * line and both kinds with double quotes (indented text that looks like an import is inside a string).
 */
function specifiers(): Set<string> {
  const found = new Set<string>();
  for (const name of readdirSync(dist).filter((file) => file.endsWith('.js'))) {
    const code = readFileSync(dist + name, 'utf8');
    for (const match of code.matchAll(/^import\s(?:[^;]*?\sfrom\s*)?"([^"]+)";|\bimport\("([^"]+)"\)/gm)) {
      found.add((match[1] ?? match[2]) as string);
    }
  }
  return found;
}

describe('the built edgekit bin', () => {
  // Why it matters: resolving and lexing Ink's and React's modules one by one was most of the time to the
  // first frame; the bundle starts by reading a few files.
  it('imports only its own chunks, Node built-ins, and the packages that load their own files', () => {
    const packages = [...specifiers()].filter(
      (s) => !s.startsWith('./') && !s.startsWith('node:') && !builtins.has(s),
    );
    // sql.js only (maas-client reads the MAAS CLI's profile database with it); `highs` went with the
    // tree-shaking of edge-core's sources: its exact mode, the one user, is not in the bin.
    expect(packages.sort()).toEqual(['sql.js']);
  });

  it('ships React and Ink in their production builds, without the devtools bridge', () => {
    const code = readdirSync(dist)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(dist + file, 'utf8'))
      .join('\n');
    expect(code).toContain('react-reconciler');
    expect(code).not.toContain('react.development.js');
    expect(code).not.toMatch(/from ["']react-devtools-core["']/);
  });
});
