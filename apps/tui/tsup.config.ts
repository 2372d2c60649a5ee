import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';
import { startupEdits } from './build/startup-edits.js';

/**
 * The `edgekit` bin is one bundle: Ink, React and the SDKs inlined, so starting it reads a handful of
 * files instead of resolving and lexing several hundred modules (that resolution was most of the time
 * to first frame). Kept external: packages that load their own files at run time by path.
 */
const RUNTIME_FILES = ['highs', 'sql.js'];
/** ws's optional native speed-ups, tried with require() inside try/catch. */
const OPTIONAL_NATIVE = ['bufferutil', 'utf-8-validate'];
const EXTERNAL = [...RUNTIME_FILES, ...OPTIONAL_NATIVE];
/** Everything but EXTERNAL (tsup's noExternal wins over external, so the exception is in the pattern). */
const BUNDLED = new RegExp(`^(?!(${EXTERNAL.map((name) => name.replace('.', '\\.')).join('|')})(/|$))`);

/** The settings every part of the bin is built with (bench/support/bundle-app.ts builds its baselines alike). */
export const binSettings: Options = {
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  noExternal: [BUNDLED],
  external: EXTERNAL,
  // The React and Ink production builds: the development builds are for developing React, not for users.
  env: { NODE_ENV: 'production' },
  esbuildOptions(options) {
    // The workspace packages from their sources, as the tests run them: one zod for all of them, and
    // chunks split per file, so the first screen loads only the modules it needs (not whole SDK bundles).
    // got's HTTP/2 and cache modules resolve to stubs (build/): got loads them at import, no edgekit
    // request uses them, and loading them was ~50 ms of the first read's start.
    options.conditions = ['@edgekit/source'];
    options.alias = {
      'react-devtools-core': fileURLToPath(new URL('./build/react-devtools-stub.ts', import.meta.url)),
      'http2-wrapper': fileURLToPath(new URL('./build/http2-wrapper-stub.ts', import.meta.url)),
      'cacheable-request': fileURLToPath(new URL('./build/cacheable-request-stub.ts', import.meta.url)),
    };
  },
  // Dependencies' load-time work that edgekit never uses, moved out of the start (build/startup-edits.ts).
  esbuildPlugins: [startupEdits()],
  // CommonJS dependencies inlined into an ES module still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __edgekitRequire } from 'node:module'; const require = __edgekitRequire(import.meta.url);",
  },
};

/** Worker-thread entries, each one self-contained file beside the bin (see below). */
const WORKERS = {
  // The Planner's solves and "rehearse first" (plan/replanner.ts and plan/rehearser.ts find them
  // beside the bin at run time).
  'replan-worker': 'src/plan/replan-worker.ts',
  'rehearse-worker': 'src/plan/rehearse-worker.ts',
};

/**
 * What the first read's thread (dist/first-read/worker.cjs) imports only later, each a file of its own
 * beside it: the demo's Juju simulator (site/demo-juju.ts), loaded after the first paint, and ajv, which
 * maas-client loads with the first list of 200 items or more. Inlined, their code was parsed with the
 * thread's start whether used or not (CommonJS has no chunks).
 */
const FIRST_READ_APART = {
  'demo-juju': { specifier: /^\.\/demo-juju\.js$/, file: './demo-juju.js' },
  ajv: { specifier: /^ajv$/, file: './ajv.cjs' },
} as const;
/** ajv as maas-client imports it (the TUI does not depend on ajv itself). */
const AJV_ENTRY = createRequire(
  fileURLToPath(new URL('../../packages/maas-client/package.json', import.meta.url)),
).resolve('ajv');

/** Leaves imports of `specifier` to load `file`, from beside the bundle at run time, instead of inlining it. */
function importedApart(specifier: RegExp, file: string): NonNullable<Options['esbuildPlugins']>[number] {
  return {
    name: `import-${file}-apart`,
    setup(build) {
      build.onResolve({ filter: specifier }, () => ({ path: file, external: true }));
    },
  };
}

/** The builds into dist/first-read each clear only their own files (they run at the same time). */
function firstReadClean(own: string): string[] {
  return ['worker', ...Object.keys(FIRST_READ_APART)]
    .filter((name) => name !== own)
    .map((name) => `!${name}.*`);
}

export default defineConfig([
  {
    ...binSettings,
    entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
    // The SDK types the public API mentions are inlined: the published package has no @edgekit/* dependency.
    dts: { entry: 'src/index.ts', resolve: [/^@edgekit\//] },
    // Everything but what the other builds write at the same time.
    clean: ['!*-worker.js', '!*-worker.js.map', '!first-read/**'],
    splitting: true,
  },
  {
    ...binSettings,
    entry: WORKERS,
    // Built apart, without shared chunks: esbuild puts a module in the chunks of every entry that can
    // reach it, used or not, so sharing chunks with the bin gave the first read's thread the whole of
    // edge-core and juju-client (2 MB) to load. A thread loads its own copy of any module anyway.
    splitting: false,
  },
  {
    ...binSettings,
    // The site's first read (site/first-read.ts), on the critical path of the UI's start, as CommonJS:
    // Node loads this code as CommonJS ~35 ms sooner than the same code as an ES module (measured with
    // the worker alone, median of 15 runs), and minified, as the thread's start parses all of it: with
    // ajv apart, ~18 ms sooner again (730 KB → 370 KB; the worker alone, 16 runs each). CommonJS has no
    // chunks, so what the thread needs only later is in files beside it (FIRST_READ_APART, next entries).
    entry: { worker: 'src/site/first-read-worker.ts' },
    outDir: 'dist/first-read',
    clean: firstReadClean('worker'),
    format: ['cjs'],
    splitting: false,
    minify: true,
    banner: {},
    esbuildPlugins: [
      ...(binSettings.esbuildPlugins ?? []),
      ...Object.values(FIRST_READ_APART).map(({ specifier, file }) => importedApart(specifier, file)),
    ],
  },
  {
    ...binSettings,
    entry: { 'demo-juju': 'src/site/demo-juju.ts' },
    outDir: 'dist/first-read',
    clean: firstReadClean('demo-juju'),
    splitting: false,
  },
  {
    ...binSettings,
    entry: { ajv: AJV_ENTRY },
    outDir: 'dist/first-read',
    clean: firstReadClean('ajv'),
    format: ['cjs'],
    splitting: false,
    banner: {},
  },
]);
