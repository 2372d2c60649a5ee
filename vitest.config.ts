import { defineConfig } from 'vitest/config';

// For local runs and editors: `pnpm exec vitest run` at the root runs every project on source.
// CI runs each package's own `vitest run` through turbo so results cache per package.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*'] },
});
