import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const appDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A baseline app (`source`, TypeScript) bundled with the bin's own tsup settings, in a temporary folder
 * under the app (so its dependencies resolve); returns the bundle's path. The caller removes its folder.
 */
export async function bundleApp(name: string, source: string): Promise<string> {
  const dir = mkdtempSync(join(appDir, `.bench-${name}-`));
  writeFileSync(join(dir, `${name}.ts`), source);
  const { binSettings } = await import('../../tsup.config.js');
  await build({
    ...binSettings,
    entry: [join(dir, `${name}.ts`)],
    outDir: dir,
    dts: false,
    sourcemap: false,
    clean: false,
    silent: true,
  });
  return join(dir, `${name}.js`);
}
