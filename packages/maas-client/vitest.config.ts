import { defineProject } from 'vitest/config';
import { sharedResolve, sharedTest } from '../../vitest.shared.js';

export default defineProject({
  ...sharedResolve,
  // Generous limits: a TLS key pair or a simulator start can take seconds on a loaded CI box; no test
  // asserts on time, so these only bound a hang.
  test: {
    ...sharedTest,
    name: 'maas-client',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
