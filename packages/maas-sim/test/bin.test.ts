import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'bin.ts');

describe('maas-sim bin', () => {
  it('starts an empty site, prints the URL and API key, serves it, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@edgekit/source', bin, '--site', 'empty', '--maas-version', '3.8'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const lines = createInterface({ input: child.stdout });
      const found: Record<string, string> = {};
      for await (const line of lines) {
        const match = /^(MAAS_URL|MAAS_API_KEY)=(.*)$/.exec(line);
        if (match?.[1] && match[2]) found[match[1]] = match[2];
        if (found.MAAS_URL && found.MAAS_API_KEY) break;
      }
      expect(found.MAAS_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/MAAS\/$/);
      expect(found.MAAS_API_KEY?.split(':')).toHaveLength(3);
      const version = await fetch(`${found.MAAS_URL}api/2.0/version/`);
      expect(((await version.json()) as { version: string }).version).toMatch(/^3\.8\.0/);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
