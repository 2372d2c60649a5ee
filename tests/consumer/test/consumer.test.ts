// The packages as a user gets them: `pnpm pack` every package (publishConfig applied, workspace ranges
// replaced), `npm install` the tarballs into a fresh project outside the workspace, compile a strict
// TypeScript program and every README snippet against the installed types, run them against the
// simulators, require() the MAAS client from CommonJS, and run the globally installed `edgekit`.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const LIBRARIES = ['maas-client', 'juju-client', 'edge-core', 'maas-sim', 'juju-sim'];
const PACKAGES = [...LIBRARIES.map((name) => `packages/${name}`), 'apps/tui'];
// The versions the workspace builds with, so the consumer compiles with the same compiler.
const TOOLCHAIN = ['typescript@5.9.3', '@types/node@20.19.43'];
const NPM = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

let work: string;
let project: string;
const tarballs = new Map<string, string>();

/** Runs a command; on failure the error carries its output, so the test report says what broke. */
async function sh(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeout = 240_000) {
  try {
    return await run(file, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20, timeout });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** Every ```ts block of a README, in order. */
function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'edgekit-consumer-'));
  const packed = join(work, 'tarballs');
  await mkdir(packed);
  for (const dir of PACKAGES) {
    const before = new Set(await readdir(packed));
    await sh('pnpm', ['pack', '--pack-destination', packed], join(root, dir));
    const added = (await readdir(packed)).find((file) => !before.has(file));
    if (!added) throw new Error(`pnpm pack wrote no tarball for ${dir}`);
    tarballs.set(dir.split('/')[1] ?? dir, join(packed, added));
  }
  project = join(work, 'project');
  await mkdir(join(project, 'snippets'), { recursive: true });
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        outDir: 'out',
      },
      include: ['*.ts', 'snippets/*.ts'],
    }),
  );
  await sh(
    'npm',
    ['install', ...NPM, ...LIBRARIES.map((name) => tarballs.get(name) ?? ''), ...TOOLCHAIN],
    project,
  );
  await copyFile(join(here, '..', 'program', 'main.ts'), join(project, 'main.ts'));
  for (const name of LIBRARIES) {
    const readme = await readFile(join(project, 'node_modules', '@edgekit', name, 'README.md'), 'utf8');
    for (const [index, code] of snippets(readme).entries()) {
      await writeFile(join(project, 'snippets', `${name}-${index + 1}.ts`), code);
    }
  }
});

afterAll(async () => {
  // EDGEKIT_KEEP_CONSUMER=1 keeps the project to look into after a failure.
  if (work && !process.env.EDGEKIT_KEEP_CONSUMER) await rm(work, { recursive: true, force: true });
});

describe('the packed packages, installed with npm outside the workspace', () => {
  it('ship what a consumer needs: dist, README and LICENSE, no sources, no source condition', async () => {
    for (const name of LIBRARIES) {
      const dir = join(project, 'node_modules', '@edgekit', name);
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      expect(manifest.private).toBeUndefined();
      expect(JSON.stringify(manifest.exports)).not.toContain('@edgekit/source');
      expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain('workspace:');
      expect((await readdir(dir)).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
    }
  });

  it('compile with strict TypeScript (nodenext, skipLibCheck false): the program and every README snippet', async () => {
    const listed = await readdir(join(project, 'snippets'));
    expect(listed.length).toBeGreaterThanOrEqual(10);
    await sh(join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.'], project);
  });

  it('run against both simulators: inventory, sizing, a bundle to every unit active, typed errors', async () => {
    const jujuData = join(work, 'juju-data-program');
    const { stdout } = await sh('node', ['out/main.js', jujuData], project);
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(report.vmHosts).toBeGreaterThan(0);
    expect(report.missing).toBe('MaasNotFoundError');
    expect(report.hosts).toBeGreaterThanOrEqual(3);
    expect(report.units).toEqual(['ubuntu/0']);
  });

  it('run every README snippet against the simulators, configured as a user configures them', async () => {
    const { startMaasSim } = await import('@edgekit/maas-sim');
    const { startJujuSim } = await import('@edgekit/juju-sim');
    const maas = await startMaasSim({ timeScale: 600, seed: 2 });
    const jujuData = join(work, 'juju-data-snippets');
    const juju = await startJujuSim({
      maas: { url: maas.url, apiKey: maas.apiKey },
      timeScale: 600,
      jujuDataDir: jujuData,
    });
    try {
      const env = {
        MAAS_URL: maas.url,
        MAAS_API_KEY: maas.apiKey,
        MAAS_USERNAME: maas.adminUser,
        MAAS_PASSWORD: maas.adminPassword,
        JUJU_DATA: jujuData,
      };
      const compiled = (await readdir(join(project, 'out', 'snippets'))).filter((file) =>
        file.endsWith('.js'),
      );
      for (const file of compiled.sort()) {
        const { stderr } = await sh('node', [join('out', 'snippets', file)], project, env, 60_000);
        expect(stderr, file).toBe('');
      }
    } finally {
      await juju.close();
      await maas.close();
    }
  });

  it('require() the MAAS client from CommonJS (Node 20.19+ requires ES modules)', async () => {
    const script = "const { MaasClient } = require('@edgekit/maas-client'); console.log(typeof MaasClient);";
    await writeFile(join(project, 'require.cjs'), script);
    const { stdout } = await sh('node', ['require.cjs'], project);
    expect(stdout.trim()).toBe('function');
  });

  it('juju-sim without maas-sim says what to install, in one line, exit code 2', async () => {
    const alone = join(work, 'alone');
    await mkdir(alone);
    await writeFile(join(alone, 'package.json'), JSON.stringify({ name: 'alone', private: true }));
    const tarball = tarballs.get('maas-client') ?? '';
    await sh('npm', ['install', ...NPM, tarball, tarballs.get('juju-sim') ?? ''], alone);
    const outcome = await run(join(alone, 'node_modules', '.bin', 'juju-sim'), [], { cwd: alone }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toContain('npm i @edgekit/maas-sim');
  });

  it('npm i -g of the packed CLI gives a working edgekit', async () => {
    const prefix = join(work, 'global');
    await sh('npm', ['install', '-g', '--prefix', prefix, ...NPM, tarballs.get('tui') ?? ''], work);
    const { stdout } = await sh(join(prefix, 'bin', 'edgekit'), ['--version'], work);
    const manifest = JSON.parse(await readFile(join(root, 'apps', 'tui', 'package.json'), 'utf8'));
    expect(stdout.trim()).toContain(manifest.version);
  });
  it('pnpm release:dry-run would publish every package, each after the packages it depends on', async () => {
    const { stdout, stderr } = await sh('pnpm', ['-r', 'publish', '--dry-run', '--no-git-checks'], root);
    const order = [...`${stdout}\n${stderr}`.matchAll(/(@edgekit\/[a-z-]+)@\d+\.\d+\.\d+ →/g)].map(
      (m) => m[1],
    );
    expect([...order].sort()).toEqual(PACKAGES.map((dir) => `@edgekit/${dir.split('/')[1]}`).sort());
    for (const dir of PACKAGES) {
      const manifest = JSON.parse(await readFile(join(root, dir, 'package.json'), 'utf8'));
      const name: string = manifest.name;
      for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
        if (dependency.startsWith('@edgekit/'))
          expect(order.indexOf(dependency)).toBeLessThan(order.indexOf(name));
      }
    }
  });
});
