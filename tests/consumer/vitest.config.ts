import { defineProject } from 'vitest/config';

// No source condition here: this suite uses the packages as npm installs them, from packed tarballs.
export default defineProject({
  test: {
    name: 'consumer',
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
