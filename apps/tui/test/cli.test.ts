import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };

const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Runs the built bin with stdin from /dev/null ('ignore'), as CI and pipes run it. */
function edgekit(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('built edgekit bin, stdin from /dev/null', () => {
  it('--version prints the package version', async () => {
    const result = await edgekit('--version');
    expect(result).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
  });
  it('--help lists usage', async () => {
    const result = await edgekit('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage:');
  });
  it('an unknown command exits 2 with a one-line error', async () => {
    const result = await edgekit('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^edgekit: unknown command "frobnicate".*\n$/);
  });
  it('no arguments renders the home screen and exits without a raw-mode crash', async () => {
    const result = await edgekit();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('edgekit');
    expect(result.stderr).not.toContain('Raw mode');
  });
});
