import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared.js';

// Built only so that each published package's declaration bundle can inline these declarations.
// `base` has no declaration file of its own (its package types are its source): as a declaration entry
// beside the index it became a chunk that the index imported by a relative path, which the packages
// inlining the index's declarations cannot follow.
export default defineConfig({
  ...libraryBuild(['src/index.ts', 'src/base.ts', 'src/fuzz.ts']),
  dts: { entry: ['src/index.ts', 'src/fuzz.ts'] },
});
