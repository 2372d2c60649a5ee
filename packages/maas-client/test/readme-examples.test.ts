// The README's examples are the files in examples/, embedded verbatim; this runs each one against the
// MAAS simulator so the documentation cannot drift from working code.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allocateAndDeploy } from '../examples/allocate-deploy.js';
import { composeWithHeadroom } from '../examples/compose-vm.js';
import { tryAllocate } from '../examples/handle-errors.js';
import { listByZone } from '../examples/list-by-zone.js';
import { tailEvents } from '../examples/tail-events.js';
import { MaasClient, type MaasEvent } from '../src/index.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = [
  'list-by-zone.ts',
  'allocate-deploy.ts',
  'compose-vm.ts',
  'tail-events.ts',
  'handle-errors.ts',
];

let sim: MaasSim;
let maas: MaasClient;

beforeAll(async () => {
  sim = await startMaasSim({ site: 'demo', maasVersion: '3.7', timeScale: 6000, seed: 11 });
  maas = new MaasClient({ url: sim.url, apiKey: sim.apiKey });
});
afterAll(() => sim.close());

describe('README examples', () => {
  it.each(EXAMPLES)('README embeds examples/%s verbatim', (file) => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const source = readFileSync(join(packageDir, 'examples', file), 'utf8').trim();
    expect(readme).toContain(source);
  });

  it('lists machines by zone', async () => {
    const lines = await listByZone(maas, 'edge-c');
    expect(lines.some((line) => line.startsWith('gpu-c1\tReady\t64 cores\t524288 MiB'))).toBe(true);
  });

  it('allocates and deploys with a wait', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const machine = await allocateAndDeploy(maas, 'edge-a', 50);
    log.mockRestore();
    expect(machine.status_name).toBe('Deployed');
  });

  it('composes on the VM host with the most headroom', async () => {
    const vm = await composeWithHeadroom(maas, 'readme-vm', 50);
    expect(vm).toMatchObject({ hostname: 'readme-vm', status_name: 'Ready', cpu_count: 4, memory: 8192 });
  });

  it('tails events until aborted', async () => {
    const controller = new AbortController();
    const seen: MaasEvent[] = [];
    // Replay from the start of the log: the deployments above left events behind.
    await tailEvents(
      maas,
      controller.signal,
      (event) => {
        seen.push(event);
        if (seen.length === 3) controller.abort();
      },
      0,
    );
    expect(seen).toHaveLength(3);
    expect(seen.map((e) => e.id)).toEqual([...seen.map((e) => e.id)].sort((a, b) => a - b));
  });

  it('handles errors with typed classes', async () => {
    expect(await tryAllocate(maas, { zone: 'edge-b', cpu_count: 4096 })).toMatch(/^no machine matches/);
    expect(await tryAllocate(maas, { zone: 'nowhere' })).toMatch(/^bad constraints: /);
    const wrongKey = new MaasClient({ url: sim.url, apiKey: 'a:b:c', retry: false });
    expect(await tryAllocate(wrongKey, {})).toBe('the API key was rejected');
  });
});
