import { defineProject } from 'vitest/config';
import { sharedResolve, sharedTest } from '../../vitest.shared.js';

export default defineProject({
  ...sharedResolve,
  test: {
    ...sharedTest,
    name: 'juju-client',
    include: ['test/**/*.test.ts'],
  },
});
