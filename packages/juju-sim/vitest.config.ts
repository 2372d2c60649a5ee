import { defineProject } from 'vitest/config';
import { sharedResolve } from '../../vitest.shared.js';

export default defineProject({
  ...sharedResolve,
  test: { name: 'juju-sim', include: ['test/**/*.test.ts'] },
});
