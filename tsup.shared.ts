import type { Options } from 'tsup';

/** Workspace packages that are never published: every build inlines them, code and declarations. */
export const inlinedWorkspacePackages = ['@edgekit/common'];

/**
 * The one build preset of the published libraries: ESM for Node 20, declarations and source maps.
 * Each package's tsup.config.ts names only its entry points (the CLI, a bundle, has its own config).
 */
export function libraryBuild(entry: string[] = ['src/index.ts']): Options {
  return {
    entry,
    format: ['esm'],
    target: 'node20',
    dts: { resolve: inlinedWorkspacePackages },
    noExternal: inlinedWorkspacePackages,
    sourcemap: true,
    clean: true,
  };
}
