import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readInputFile } from '@edgekit/edge-core';

const BUNDLE = 'assets/bundles/charmed-kubernetes-1.35.bundle.yaml';

/**
 * The Charmed Kubernetes bundle the presets deploy, shipped in the package's `assets/`: one level up
 * from the bundled `dist/*.js`, two from `src/plan/*.ts`.
 */
function ckBundlePath(): string {
  for (const prefix of ['../', '../../']) {
    const path = fileURLToPath(new URL(prefix + BUNDLE, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`edgekit is installed without ${BUNDLE}; reinstall the package`);
}

export async function presetBundleTexts(extraFiles: readonly string[] = []): Promise<string[]> {
  return Promise.all([readFile(ckBundlePath(), 'utf8'), ...extraFiles.map((file) => readInputFile(file))]);
}
