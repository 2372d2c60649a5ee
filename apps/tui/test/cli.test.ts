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
  it('--help lists usage and the exit codes', async () => {
    const result = await edgekit('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage:');
    expect(result.stdout).toMatch(/Exit codes:\n\s+0 {2}success\n\s+1 {2}unexpected failure/);
    expect(result.stdout).toContain('  2  bad usage');
  });
  it('an unknown flag exits 2 with a one-line error', async () => {
    const result = await edgekit('--frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^edgekit: Unknown option '--frobnicate'.*run "edgekit --help" for usage\n$/,
    );
  });
  it('--json and --yaml together are a usage error', async () => {
    const result = await edgekit('--json', '--yaml');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('edgekit: --json and --yaml are exclusive; pick one\n');
  });
  it('an unknown command exits 2 with a one-line error', async () => {
    const result = await edgekit('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^edgekit: unknown command "frobnicate".*\n$/);
  });
  it('no arguments renders the home screen and exits without a raw-mode crash', async () => {
    const result = await edgekit();
    expect(result.stdout).toContain('1 Site');
    expect(result.stdout).toContain('stdin is not a terminal');
    expect(result.stderr).not.toContain('Raw mode');
  });
});
