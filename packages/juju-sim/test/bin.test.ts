import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { WireClient } from './support/wire.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('juju-sim bin', () => {
  it('starts a MAAS simulator and a controller, prints how to reach them, and stops on SIGTERM', async () => {
    const jujuData = await mkdtemp(join(tmpdir(), 'juju-sim-bin-'));
    const child = spawn(
      process.execPath,
      [
        '--conditions=@edgekit/source',
        '--import',
        'tsx',
        'src/bin.ts',
        '--time-scale',
        '1000',
        '--juju-data',
        jujuData,
      ],
      { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('-----END CERTIFICATE-----')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`juju-sim exited early (${code}): ${out}`)));
      });
      expect(out).toMatch(/^MAAS simulator: {3}http:\/\/127\.0\.0\.1:\d+\/MAAS\/$/m);
      const url = /\((wss:\/\/127\.0\.0\.1:\d+\/api)\)/.exec(out)?.[1];
      const password = /^password: +(\S+)$/m.exec(out)?.[1];
      const caCert = out.slice(out.indexOf('-----BEGIN CERTIFICATE-----'));
      expect(url && password).toBeTruthy();
      const client = await WireClient.connect(url!, caCert);
      const login = await client.login('admin', password!);
      expect(login.response?.['server-version']).toBe('3.6.14');
      client.close();
      const controllers = parse(await readFile(join(jujuData, 'controllers.yaml'), 'utf8'));
      expect(controllers.controllers['juju-sim']['ca-cert'].trim()).toBe(caCert.trim());
      expect(caCert).not.toContain('\r');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await rm(jujuData, { recursive: true, force: true });
    }
  });

  it.each([
    [['--juju-version', '9.9'], /--juju-version must be one of/],
    [['--maas-url', 'http://127.0.0.1:1/MAAS'], /--maas-url needs --maas-api-key/],
    [['--no-such-flag'], /Unknown option '--no-such-flag'/],
  ])('answers %j with one line on stderr and exit code 2', async (args, message) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@edgekit/source', '--import', 'tsx', 'src/bin.ts', ...args],
      {
        cwd: packageDir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, MAAS_API_KEY: '' },
      },
    );
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
  });
});
