import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtFilesWith } from './support/bin.js';

// build/startup-edits.ts changes when two dependencies do load-time work, in the bundle only. These run
// the built module in a fresh Node and count that work, and run the dependency as installed beside it:
// the edit is what makes the difference.

/** Imports `module` in a fresh Node after `setup`, then prints what `report` evaluates to. */
function runFresh(module: string, setup: string, report: string): string {
  const script = `${setup}; await import(${JSON.stringify(pathToFileURL(module).href)}); process.stdout.write(String(${report}));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
}

/** A package's file as installed, found from `from` (a package that depends on it) the way Node would. */
function installed(specifier: string, from: string): string {
  return createRequire(realpathSync(from)).resolve(specifier);
}

const here = createRequire(import.meta.url);
const COUNT_FETCH =
  'let fetched = 0; const realFetch = globalThis.fetch; globalThis.fetch = (...args) => { fetched += 1; return realFetch(...args); }';
const COUNT_LIST_FORMATS =
  'let made = 0; const Real = Intl.ListFormat; Intl.ListFormat = class extends Real { constructor(...args) { super(...args); made += 1; } }';

describe("the bin's edits to its dependencies' start", () => {
  it("loads Ink's layout engine without fetching its inlined wasm", () => {
    const [bundled] = builtFilesWith('yoga-layout/dist/binaries/yoga-wasm-base64-esm.js');
    expect(bundled).toBeDefined();
    expect(runFresh(bundled as string, COUNT_FETCH, 'fetched')).toBe('0');
    // yoga-layout as installed fetches it (the data: URL), which loads undici on the main thread.
    const yoga = installed('yoga-layout', here.resolve('ink'));
    expect(runFresh(yoga, COUNT_FETCH, 'fetched')).toBe('1');
  });

  it("makes no Intl object when got's argument checks load", () => {
    const [bundled] = builtFilesWith('@sindresorhus/is/distribution/index.js');
    expect(bundled).toBeDefined();
    expect(runFresh(bundled as string, COUNT_LIST_FORMATS, 'made')).toBe('0');
    const is = installed('@sindresorhus/is', installed('got', here.resolve('@edgekit/maas-client')));
    expect(runFresh(is, COUNT_LIST_FORMATS, 'made')).toBe('2');
  });
});
