import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built `edgekit` bin (tests that drive it build it first: `pnpm turbo run build`). */
export const EDGEKIT_BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A file of the built bundle (a worker entry beside the bin), or a failure saying how to build it. */
export function builtFile(name: string): string {
  const file = fileURLToPath(new URL(`../../dist/${name}`, import.meta.url));
  if (!existsSync(file)) throw new Error(`${file} is missing: pnpm turbo run build --filter=@edgekit/tui`);
  return file;
}

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** The built JavaScript: the bin's ES modules and the first read's thread and its files (dist/first-read). */
export function builtFiles(): string[] {
  return readdirSync(DIST, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js') || file.endsWith('.cjs'))
    .map((file) => DIST + file);
}

/**
 * The source files bundled into the built `file`, from its source map (esbuild's path comments are
 * gone from the minified first read, dist/first-read/worker.cjs; the map names them in every build).
 */
export function bundledSources(file: string): string[] {
  return (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources;
}

/** The built files that bundle a source file whose path ends with `source` (e.g. a dependency's file). */
export function builtFilesWith(source: string): string[] {
  return builtFiles().filter((file) => bundledSources(file).some((path) => path.endsWith(source)));
}

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a run with no MAAS or Juju configured and a private config folder, so the demo
 * site unless `extra` points somewhere; no colour, so output compares as text.
 */
export function isolatedEnv(configDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    EDGEKIT_CONFIG_DIR: configDir,
    HOME: configDir,
  };
  for (const key of Object.keys(env))
    if (/^(MAAS|JUJU|EDGEKIT_PROFILE|FORCE_COLOR)/.test(key)) delete env[key];
  return { ...env, ...extra };
}

/**
 * Runs the built bin to the end with stdin from /dev/null, as CI and pipes run it, in `cwd` (commands
 * that save files next to the working directory keep them in the test's folder).
 */
export async function runEdgekit(
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<BinResult> {
  const child = spawn(process.execPath, [EDGEKIT_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env,
    cwd: options.cwd,
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
