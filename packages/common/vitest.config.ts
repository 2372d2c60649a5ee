import { defineProject } from 'vitest/config';
import { sharedResolve, sharedTest } from '../../vitest.shared.js';

export default defineProject({
  ...sharedResolve,
  test: {
    ...sharedTest,
    name: 'common',
    include: ['test/**/*.test.ts'],
  },
});
