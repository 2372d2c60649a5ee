import { defineProject } from 'vitest/config';
import { sharedResolve } from '../../vitest.shared.js';

export default defineProject({
  ...sharedResolve,
  test: { name: 'tui', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'] },
});
