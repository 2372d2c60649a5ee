import { defineProject } from 'vitest/config';
import { sharedResolve } from '../../vitest.shared.js';

export default defineProject({
  ...sharedResolve,
  // The end-to-end tests wait on events (AllWatcher deltas, MAAS status), never on time; these limits only
  // catch a hang, and are generous because a loaded 2-core machine makes RSA keys and TLS slow.
  test: { name: 'juju-sim', include: ['test/**/*.test.ts'], testTimeout: 90_000, hookTimeout: 60_000 },
});
