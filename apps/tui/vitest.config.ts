import { defineProject } from 'vitest/config';
import { sharedResolve, sharedTest } from '../../vitest.shared.js';

export default defineProject({
  ...sharedResolve,
  test: {
    ...sharedTest,
    name: 'tui',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Let chalk emit colour in tests, so the NO_COLOR tests prove the theme, not the pipe, removes it.
    env: { FORCE_COLOR: '1' },
    // Tests against the simulators wait for real loopback I/O; waits are event-driven with their own limits.
    testTimeout: 60_000,
  },
});
