// One rule, one home (issue 15): each concept has one definition across the SDKs, edge-core, common and
// the TUI. This reads the workspace's own source and fails, naming the file, when a second copy appears.
// The simulators are the other side of the wire and keep their own (they may not import a client).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** The packages whose source must share one copy of each rule (not the simulators). */
const SHARED = [
  'packages/common',
  'packages/maas-client',
  'packages/juju-client',
  'packages/edge-core',
  'apps/tui',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file));
}

const sources = SHARED.flatMap((pkg) => sourceFiles(`${pkg}/src`)).map((file) => ({
  file,
  text: readFileSync(join(root, file), 'utf8'),
}));

/** Every package's source, tests and benches, the simulators' too: where fixture locators were copied. */
const everything = readdirSync(join(root, 'packages'))
  .map((name) => `packages/${name}`)
  .concat('apps/tui')
  .flatMap((pkg) => ['src', 'test', 'bench'].map((dir) => `${pkg}/${dir}`))
  .filter((dir) => {
    try {
      return readdirSync(join(root, dir)).length > 0;
    } catch {
      return false;
    }
  })
  .flatMap(sourceFiles)
  .filter((file) => file !== 'packages/common/test/one-home.test.ts')
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));

/** The files (outside `allowed`) whose text matches. */
function offenders(pattern: RegExp, allowed: readonly string[] = []): string[] {
  return sources
    .filter(({ file, text }) => !allowed.includes(file) && pattern.test(text))
    .map(({ file }) => file);
}

describe('one home for each rule', () => {
  it('reads the source it guards', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.map((s) => s.file)).toContain('packages/common/src/errors.ts');
  });

  it('one error base: every error class extends EdgekitError (packages/common/src/errors.ts)', () => {
    expect(
      offenders(/class \w+ extends (Error|TypeError|RangeError)\b/, ['packages/common/src/errors.ts']),
      'these define an error class on Error: extend EdgekitError (@edgekit/common) or the package error under it',
    ).toEqual([]);
    expect(
      offenders(/\.scrub\(|\bscrub\(secrets/),
      'these scrub an error after it was built: an EdgekitError scrubs held secrets in its constructor',
    ).toEqual([]);
    expect(
      offenders(/function defineError\b|= class extends \w*Error\b/),
      'these make error classes in a factory: declare `class X extends Base { override name = ...; static kind }`',
    ).toEqual([]);
  });

  it("one redaction marker: common's REDACTED, written nowhere else", () => {
    expect(
      offenders(/['"`]\[(redacted|REDACTED)\]['"`]|['"`]\*\*\*['"`]/, ['packages/common/src/redact.ts']),
      'these write their own redaction marker: use REDACTED, Redactor or redactKeys from @edgekit/common',
    ).toEqual([]);
  });

  it("one constraints parser: juju-client's parseConstraints", () => {
    expect(
      offenders(/export (function|const) parseConstraints\b/, [
        'packages/juju-client/src/helpers/constraints.ts',
      ]),
      "these export a second parseConstraints: import juju-client's (@edgekit/juju-client)",
    ).toEqual([]);
  });

  it("one abortable sleep: common's sleep, no hand-made timer promises", () => {
    expect(
      offenders(/new Promise[^;]*setTimeout\(\s*(resolve|r)\b/, ['packages/common/src/sleep.ts']),
      'these sleep on a bare timer an abort cannot end: use sleep(ms, signal) from @edgekit/common',
    ).toEqual([]);
  });

  // maas-client's decode maps issues to its own structured fields (through common's issuePath), not text.
  it("one zod issue formatter: common's issuesLine/issueSummary/issuePath", () => {
    expect(
      offenders(/\.issues\.map\(|z\.prettifyError\(/, ['packages/maas-client/src/schemas/decode.ts']),
      'these format zod issues themselves: use issuesLine, issueSummary or issuePath from @edgekit/common',
    ).toEqual([]);
  });

  // `import { z }` takes zod's `z` object, which holds every locale: each bundle then carried ~360 KB of
  // messages in 40 languages (the TUI's start, the SDKs' dist). As a namespace, bundlers keep what is used.
  it("zod imported one way: `import * as z from 'zod'`", () => {
    const named = everything.filter(({ text }) => /import (type )?\{[^}]*\bz\b[^}]*\} from 'zod'/.test(text));
    expect(
      named.map(({ file }) => file),
      "these import { z } from 'zod': write import * as z from 'zod' (or import type * as z)",
    ).toEqual([]);
  });

  it('one redactor and one fixture locator (@edgekit/fixtures): each defined once', () => {
    expect(
      offenders(/export class Redactor\b/, ['packages/common/src/redact.ts']),
      'these define a second Redactor: use the one from @edgekit/common',
    ).toEqual([]);
    const locators = everything
      .filter(({ text }) =>
        /export function sharedDir\b|['"`](\.\.\/)+(shared|fixtures)\/|['"]fixtures['"],\s*['"](juju|maas|vbp)['"]/.test(
          text,
        ),
      )
      .map(({ file }) => file);
    expect(
      locators,
      "these locate fixtures themselves: use fixturePath('juju', ...) from @edgekit/fixtures",
    ).toEqual([]);
  });

  it('one tsup preset: every library builds through tsup.shared.ts (the bin bundles on purpose)', () => {
    const libraries = readdirSync(join(root, 'packages')).filter((name) => !name.startsWith('.'));
    const configs = libraries
      .map((name) => `packages/${name}/tsup.config.ts`)
      .filter((file) => {
        try {
          return readFileSync(join(root, file), 'utf8').length > 0;
        } catch {
          return false;
        }
      });
    expect(configs.length).toBeGreaterThan(4);
    const own = configs.filter((file) => !readFileSync(join(root, file), 'utf8').includes('tsup.shared'));
    expect(
      own.map((file) => relative(root, join(root, file))),
      'these tsup configs do not build through the preset: defineConfig(libraryBuild([...])) from tsup.shared.ts',
    ).toEqual([]);
  });
});
