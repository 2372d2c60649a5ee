// `edgekit snapshot`, `edgekit sim all --from` and `edgekit rehearse --site` through the built bin, on the
// demo site: a snapshot file, a twin that serves it, a rehearsal on it, and bad snapshots refused with
// one line and exit 2 before anything starts.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  day2JujuFromClient,
  parseSiteSnapshot,
  type SiteSnapshot,
  saveDay2PlanFile,
} from '@edgekit/edge-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { planDay2 } from '../src/plan/day2.js';
import { openTwin } from '../src/site/open.js';
import { EDGEKIT_BIN, isolatedEnv, runEdgekit } from './support/bin.js';

let dir: string;
let env: NodeJS.ProcessEnv;
let snapshot: SiteSnapshot;

const edgekit = (...args: string[]) => runEdgekit(args, { env, cwd: dir });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgekit-twin-cli-'));
  env = isolatedEnv(dir);
  const saved = await edgekit('snapshot', '-o', 'site.yaml');
  expect(saved.code).toBe(0);
  expect(saved.stdout).toMatch(/^saved the site to .*site\.yaml: 21 machines, 6 VM hosts/);
  snapshot = parseSiteSnapshot(await readFile(join(dir, 'site.yaml'), 'utf8'), 'site.yaml');
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Snapshots broken three ways, each with the path its error must name. */
async function badSnapshots(): Promise<[string, RegExp][]> {
  const text = await readFile(join(dir, 'site.yaml'), 'utf8');
  const unknownHost = structuredClone(snapshot);
  const vmIndex = unknownHost.maas.machines.findIndex((machine) => machine.vmHostId !== null);
  const vm = unknownHost.maas.machines[vmIndex];
  if (vm === undefined) throw new Error('the demo has no VM');
  vm.vmHostId = 77;
  const cases: [string, string, RegExp][] = [
    ['truncated.yaml', text.slice(0, Math.floor(text.length / 3)), /truncated\.yaml/],
    ['newer.yaml', stringifyYaml({ ...snapshot, version: 2 }), /newer\.yaml: version: .*got 2/],
    [
      'unknown-host.yaml',
      stringifyYaml(unknownHost),
      new RegExp(`maas\\.machines\\[${vmIndex}\\]\\.vmHostId: VM on unknown VM host 77`),
    ],
  ];
  for (const [name, content] of cases) await writeFile(join(dir, name), content);
  return cases.map(([name, , message]) => [name, message]);
}

describe('edgekit snapshot / sim --from / rehearse', () => {
  it('prints the snapshot document itself without -o', async () => {
    const printed = await edgekit('snapshot', '--json');
    expect(printed.code).toBe(0);
    const document = JSON.parse(printed.stdout);
    expect(document).toMatchObject({ kind: 'SiteSnapshot', version: 1 });
    expect(document.maas.vmHosts.map((h: { name: string }) => h.name)).toEqual(
      snapshot.maas.vmHosts.map((h) => h.name),
    );
  });

  it('sim all --from serves the twin until SIGINT: the same VM hosts, VMs and use', async () => {
    const simEnv = isolatedEnv(join(dir, 'sim-config'));
    const child = spawn(
      process.execPath,
      [EDGEKIT_BIN, 'sim', 'all', '--from', join(dir, 'site.yaml'), '--json'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: simEnv,
      },
    );
    const lines = createInterface({ input: child.stdout });
    const ready = JSON.parse(await new Promise<string>((resolve) => lines.once('line', resolve)));
    expect(ready.juju).toMatchObject({ model: 'default' });
    const inventory = await runEdgekit(['inventory', '--json', '--profile', 'sim'], {
      env: simEnv,
      cwd: dir,
    });
    expect(inventory.code).toBe(0);
    const hosts = JSON.parse(inventory.stdout).vmHosts as {
      id: number;
      name: string;
      used: { cores: number; memoryMiB: number };
      vms: { hostname: string }[];
    }[];
    expect(hosts.map((h) => [h.id, h.name, h.used.cores, h.used.memoryMiB, h.vms.length])).toEqual(
      // `edgekit inventory` lists the VMs MAAS tracks; the snapshot also keeps other LXD projects' VMs.
      snapshot.maas.vmHosts.map((h) => [
        h.id,
        h.name,
        h.used.cores,
        h.used.memoryMiB,
        h.vms.filter((vm) => vm.systemId !== null).length,
      ]),
    );
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it('refuses bad snapshots with one line naming the path and exit 2, starting nothing', async () => {
    for (const [file, message] of await badSnapshots()) {
      const result = await edgekit('sim', 'all', '--from', file);
      expect(result.code, `${file}: ${result.stderr}`).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });

  it('rehearses a plan on a twin from the file: calls in order, end state, exit 0', async () => {
    const planned = await edgekit('plan', '--preset', 'charmed-kubernetes-ha-edge', '-o', 'plan.yaml');
    expect(planned.code).toBe(0);
    const result = await edgekit('rehearse', 'plan.yaml', '--site', 'site.yaml', '--json');
    expect(result.code, result.stderr).toBe(0);
    const rehearsal = JSON.parse(result.stdout);
    expect(rehearsal).toMatchObject({ kind: 'Plan', ok: true, failed: [], error: null });
    expect(rehearsal.calls[0]).toMatchObject({ service: 'maas', phase: 'tags' });
    expect(
      rehearsal.calls.filter((c: { call: string }) => c.call.endsWith('?op=compose')).length,
    ).toBeGreaterThan(4);
    expect(rehearsal.applications.map((a: { name: string }) => a.name)).toContain('kubernetes-control-plane');
    const [bad] = await badSnapshots();
    if (bad === undefined) throw new Error('no bad snapshot');
    const refused = await edgekit('rehearse', 'plan.yaml', '--site', bad[0]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(bad[1]);
  }, 60_000);

  it('rehearses a drain and a heal planned on the twin, and a saved drain plan; refuses bad arguments with one line', async () => {
    const drain = await edgekit('rehearse', 'drain', 'kvm-a1', '--site', 'site.yaml', '--json');
    expect(drain.code, drain.stderr).toBe(0);
    const drained = JSON.parse(drain.stdout);
    expect(drained).toMatchObject({ kind: 'DrainPlan', ok: true, error: null });
    // The empty demo model: nothing to move, but the host is marked drained, on the twin only.
    expect(drained.calls.map((c: { call: string }) => c.call)).toContain(
      'POST /MAAS/api/2.0/vm-hosts/1/?op=add_tag',
    );
    const heal = await edgekit('rehearse', 'heal', '--site', 'site.yaml');
    expect(heal.code, heal.stderr).toBe(0);
    expect(heal.stdout).toMatch(/^rehearsed heal [a-z0-9]+ on a twin of .*: it succeeded/);
    // A drain plan saved before (as `edgekit drain` saves it) is rehearsed as it stands, not re-planned.
    const twin = await openTwin(snapshot, { timeScale: 3000 });
    try {
      if (twin.juju === null) throw new Error('the twin has no Juju model');
      const plan = await planDay2(
        twin.maas,
        day2JujuFromClient(twin.juju.client, twin.juju.modelUUID),
        'drain',
        'kvm-b2',
      );
      await saveDay2PlanFile(join(dir, 'drain-kvm-b2.plan.json'), plan);
    } finally {
      await twin.close();
    }
    const saved = await edgekit('rehearse', 'drain-kvm-b2.plan.json', '--site', 'site.yaml', '--json');
    expect(saved.code, saved.stderr).toBe(0);
    const fromFile = JSON.parse(saved.stdout);
    expect(fromFile).toMatchObject({ kind: 'DrainPlan', ok: true, error: null });
    const kvmB2 = snapshot.maas.vmHosts.find((h) => h.name === 'kvm-b2');
    expect(fromFile.calls.map((c: { call: string }) => c.call)).toContain(
      `POST /MAAS/api/2.0/vm-hosts/${kvmB2?.id}/?op=add_tag`,
    );
    for (const args of [
      ['rehearse', 'drain', '--site', 'site.yaml'],
      ['rehearse', 'drain', 'no such host!', '--site', 'site.yaml'],
      ['rehearse', 'plan.yaml', 'extra', '--site', 'site.yaml'],
    ]) {
      const refused = await edgekit(...args);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(/usage: edgekit rehearse/);
    }
  }, 60_000);
});
