import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Journal } from '@edgekit/edge-core';
import { MaasClient } from '@edgekit/maas-client';
import type { MaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGEKIT_BIN, runEdgekit } from './support/bin.js';
import { type LabSite, startLabSite } from './support/lab-site.js';

// `edgekit drain`, `undrain` and `heal` as built, against simulators that outlive each process: the HA
// edge preset is planned and applied with the CLI, a drain is SIGKILLed mid-run and resumed by running
// the same command again, then a host fails and `edgekit heal --yes` restores the units.
const TIME_SCALE = 3000;

let lab: LabSite;
let maas: MaasSim;
let client: MaasClient;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  lab = await startLabSite(TIME_SCALE, 'edgekit-day2-');
  ({ maas, dir, env } = lab);
  client = new MaasClient({ url: maas.url, apiKey: maas.apiKey });
});
afterAll(() => lab?.close());

function edgekit(args: string[]) {
  return spawn(process.execPath, [EDGEKIT_BIN, ...args, '--profile', 'lab'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
    cwd: dir,
  });
}

const run = (args: string[]) => runEdgekit([...args, '--profile', 'lab'], { env, cwd: dir });

/** The VM host of the first control-plane VM MAAS lists (the preset names them `ek-<plan>-control-plane-<n>`). */
async function controlPlaneHost(): Promise<string> {
  const [machines, hosts] = await Promise.all([client.machines.list(), client.vmHosts.list()]);
  const cp = machines.find((m) => m.hostname.includes('-control-plane-') && m.status_name === 'Deployed');
  return hosts.find((h) => h.id === cp?.pod?.id)?.name ?? '';
}

describe('edgekit drain, undrain and heal', () => {
  let host = '';

  it('applies the HA edge preset with the CLI', async () => {
    const planFile = join(dir, 'ck.plan.yaml');
    expect(
      (await run(['plan', '--preset', 'charmed-kubernetes-ha-edge', '-o', planFile, '--json'])).code,
    ).toBe(0);
    expect((await run(['apply', planFile, '--json'])).code).toBe(0);
    host = await controlPlaneHost();
    expect(host).toMatch(/^kvm-/);
  }, 120_000);

  it('refuses bad input with one line and exit 2', async () => {
    for (const args of [
      ['drain', 'no-such-host'],
      ['drain', 'bad name!'],
      ['undrain', 'no-such-host'],
      ['drain', host],
    ]) {
      const out = await run(args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(out.stderr).toMatch(/^edgekit: /);
    }
    expect((await run(['drain', host])).stderr).toContain('--yes');
  }, 60_000);

  it('--dry-run lists the requests and changes nothing', async () => {
    const before = (await client.machines.list()).length;
    const out = await run(['drain', host, '--dry-run', '--json']);
    expect(out.code).toBe(0);
    const data = JSON.parse(out.stdout);
    expect(data.dryRun).toBe(true);
    expect(data.plan.replacements.length).toBeGreaterThan(0);
    const calls = data.requests.map((r: { call: string }) => r.call);
    expect(calls.some((c: string) => c.includes('?op=compose'))).toBe(true);
    expect(calls).toContain('Application.DestroyUnit');
    expect((await client.machines.list()).length).toBe(before);
    expect(existsSync(join(dir, `drain-${host}.plan.json`))).toBe(false);
  }, 60_000);

  it('resumes a drain SIGKILLed mid-run by running it again, composing nothing twice', async () => {
    const child = edgekit(['drain', host, '--yes']);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_, s) => resolve(s)));
    for await (const line of createInterface({ input: child.stderr })) {
      if (line.includes('Application.AddUnits')) {
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');
    const journal = Journal.read(join(dir, `drain-${host}.plan.json.journal.jsonl`));
    expect(journal.some((r) => r.kind === 'end')).toBe(false);
    const out = await run(['drain', host, '--yes', '--json']);
    expect(out.code, out.stderr).toBe(0);
    const data = JSON.parse(out.stdout);
    expect(data.resumed).toBe(true);
    const plan = JSON.parse(await readFile(join(dir, `drain-${host}.plan.json`), 'utf8'));
    const machines = await client.machines.list();
    for (const r of plan.replacements) {
      expect(machines.filter((m) => m.hostname === r.compose.params.hostname)).toHaveLength(1);
      expect(machines.some((m) => m.hostname === r.old.hostname)).toBe(false);
    }
    const tagged = (await client.vmHosts.list()).find((h) => h.name === host);
    expect(tagged?.tags).toContain('edgekit-drained');
  }, 120_000);

  it('heals after a host fails, then undrain clears the mark', async () => {
    const other = await controlPlaneHost();
    expect(other).not.toBe(host);
    expect((await fetch(`${maas.url}_sim/vm-hosts/${other}/fail/`, { method: 'POST' })).status).toBe(200);
    let data:
      | {
          plan: { replacements: unknown[]; unplaced: unknown[] };
          result: { replaced: Record<string, string> };
        }
      | undefined;
    // Juju's instance poller needs a moment to see the machines down; until then there is nothing to heal.
    for (let tries = 0; tries < 200; tries += 1) {
      const out = await run(['heal', '--yes', '--json']);
      expect(out.code, out.stderr).toBe(0);
      data = JSON.parse(out.stdout);
      if ((data?.plan.replacements.length ?? 0) > 0) break;
    }
    expect(data?.plan.unplaced).toEqual([]);
    expect(Object.keys(data?.result.replaced ?? {}).length).toBeGreaterThan(0);
    // A second heal finds nothing down.
    const again = await run(['heal', '--yes', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).plan.replacements).toEqual([]);
    expect((await run(['heal', '--yes'])).stdout).toContain('nothing to heal');
    const undrain = await run(['undrain', host]);
    expect(undrain.code).toBe(0);
    expect(undrain.stdout).toContain('no longer drained');
    // Draining it again plans anew (nothing left to move): the finished drain's journal is kept aside.
    const redrain = await run(['drain', host, '--yes', '--json']);
    expect(redrain.code, redrain.stderr).toBe(0);
    expect(JSON.parse(redrain.stdout).resumed).toBe(false);
    expect(existsSync(join(dir, `drain-${host}.plan.json.journal.jsonl`))).toBe(true);
    const kept = (await readdir(dir)).filter((f) => f.startsWith(`drain-${host}.plan.json.journal.jsonl.`));
    expect(kept).toHaveLength(1);
  }, 180_000);
});
