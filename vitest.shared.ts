// Shared vitest settings: resolve workspace packages to their `src` through the
// `@edgekit/source` export condition, so tests never need a build.
export const sourceConditions = ['@edgekit/source', 'import', 'module', 'node', 'default'];

export const sharedResolve = {
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
};

// No test asserts on time; these limits only bound a hang. They are generous because CI is a loaded
// 2-core machine where a TLS key pair, a simulator start or a fast-check run can take seconds.
export const sharedTest = { testTimeout: 60_000, hookTimeout: 60_000 };
