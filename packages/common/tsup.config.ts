import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared.js';

// Built only so that each published package's declaration bundle can inline these declarations.
export default defineConfig(libraryBuild(['src/index.ts', 'src/fuzz.ts']));
