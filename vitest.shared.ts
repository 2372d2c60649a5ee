// Shared vitest settings: resolve workspace packages to their `src` through the
// `@edgekit/source` export condition, so tests never need a build.
export const sourceConditions = ['@edgekit/source', 'import', 'module', 'node', 'default'];

export const sharedResolve = {
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
};
