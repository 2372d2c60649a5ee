import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

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

export default defineConfig({
  // The Planner's solves and "rehearse first" run in worker threads, found beside the bin at run time
  // (plan/replanner.ts, plan/rehearser.ts).
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'replan-worker': 'src/plan/replan-worker.ts',
    'rehearse-worker': 'src/plan/rehearse-worker.ts',
  },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  // The SDK types the public API mentions are inlined: the published package has no @edgekit/* dependency.
  dts: { entry: 'src/index.ts', resolve: [/^@edgekit\//] },
  sourcemap: true,
  clean: true,
  splitting: true,
  noExternal: [BUNDLED],
  external: EXTERNAL,
  // The React and Ink production builds: the development builds are for developing React, not for users.
  env: { NODE_ENV: 'production' },
  esbuildOptions(options) {
    options.alias = {
      'react-devtools-core': fileURLToPath(new URL('./build/react-devtools-stub.ts', import.meta.url)),
    };
  },
  // CommonJS dependencies inlined into an ES module still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __edgekitRequire } from 'node:module'; const require = __edgekitRequire(import.meta.url);",
  },
});
