import { defineProject } from 'vitest/config';
import { sharedResolve } from '../../vitest.shared.js';

export default defineProject({
  ...sharedResolve,
  test: { name: 'maas-sim', include: ['test/**/*.test.ts'] },
});
