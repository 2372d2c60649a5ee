import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtFiles, bundledSources } from './support/bin.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const builtins = new Set(builtinModules);

/**
 * The module specifiers `code` imports: esbuild writes static imports at the start of a line and all
 * kinds with double quotes (indented text that looks like an import, or a require right after a quote or
 * backtick, as in ajv's code templates, is inside a string).
 */
function specifiersIn(code: string): string[] {
  const pattern =
    /^import\s(?:[^;]*?\sfrom\s*)?"([^"]+)";|\bimport\("([^"]+)"\)|(?<![`'])\brequire\("([^"]+)"\)/gm;
  return [...code.matchAll(pattern)].map((match) => (match[1] ?? match[2] ?? match[3]) as string);
}

/** Every module specifier the built JavaScript imports. */
function specifiers(): Set<string> {
  return new Set(builtFiles().flatMap((file) => specifiersIn(readFileSync(file, 'utf8'))));
}

/** The files an ES module of the bin loads before it runs: its static imports of other chunks, transitively. */
function staticallyLoaded(entry: string): string[] {
  const seen = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const code = readFileSync(dist + file, 'utf8');
    for (const match of code.matchAll(/^import\s(?:[^;]*?\sfrom\s*)?"\.\/([^"]+)";/gm)) {
      const next = match[1] as string;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen];
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
    const code = builtFiles()
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(code).toContain('react-reconciler');
    expect(code).not.toContain('react.development.js');
    expect(code).not.toMatch(/from ["']react-devtools-core["']/);
  });

  it("starts the first read's thread before it loads zod: its start imports common's zod-free part", () => {
    const loaded = staticallyLoaded('cli.js');
    const withZod = loaded.filter((file) =>
      bundledSources(dist + file).some((source) => /node_modules\/zod\//.test(source)),
    );
    expect(loaded.length).toBeGreaterThan(1);
    expect(withZod).toEqual([]);
  });

  it.each(['http2-wrapper', 'cacheable-request'])(
    'leaves out %s, which got loads at import but no edgekit request uses',
    (name) => {
      const bundled = builtFiles().filter((file) =>
        bundledSources(file).some((source) => source.includes(`node_modules/${name}/`)),
      );
      expect(builtFiles().length).toBeGreaterThan(3);
      expect(bundled).toEqual([]);
    },
  );

  // The thread's start parses all of worker.cjs: what it loads only later is in files beside it.
  it("gives the first read's thread the demo's Juju simulator and ajv as files beside it, which it finds", () => {
    const firstRead = `${dist}first-read/`;
    const worker = `${firstRead}worker.cjs`;
    const apart = specifiersIn(readFileSync(worker, 'utf8')).filter((s) => s.startsWith('./'));
    expect(apart.sort()).toEqual(['./ajv.cjs', './demo-juju.js']);
    for (const file of readdirSync(firstRead).filter((name) => /\.c?js$/.test(name))) {
      for (const specifier of specifiersIn(readFileSync(firstRead + file, 'utf8'))) {
        if (specifier.startsWith('./'))
          expect(existsSync(firstRead + specifier), `${file} → ${specifier}`).toBe(true);
      }
    }
    const inWorker = bundledSources(worker);
    expect(inWorker.some((source) => source.includes('node_modules/ajv/'))).toBe(false);
    expect(inWorker.some((source) => source.includes('node_modules/zod/'))).toBe(true);
    expect(bundledSources(`${firstRead}ajv.cjs`).some((source) => source.includes('node_modules/ajv/'))).toBe(
      true,
    );
  });

  // maas-client falls back to zod when ajv fails to load (long lists would only get slower), so a
  // file that does not load must fail here: imported as the thread imports it, ajv's class is there.
  it("loads ajv from the file beside the first read's thread, with the class maas-client constructs", async () => {
    const ajv = (await import(pathToFileURL(`${dist}first-read/ajv.cjs`).href)) as {
      default: { Ajv?: unknown };
    };
    expect(typeof ajv.default.Ajv).toBe('function');
  });
});
