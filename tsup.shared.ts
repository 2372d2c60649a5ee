import type { Options } from 'tsup';

/**
 * The one build preset of the published libraries: ESM for Node 20, declarations and source maps.
 * Each package's tsup.config.ts names only its entry points (the CLI, a bundle, has its own config).
 */
export function libraryBuild(entry: string[] = ['src/index.ts']): Options {
  return { entry, format: ['esm'], target: 'node20', dts: true, sourcemap: true, clean: true };
}
