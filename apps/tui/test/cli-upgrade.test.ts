// `edgekit upgrade` end to end through the built bin, against both simulators with Charmed Kubernetes
// 1.35 deployed from the real bundle: refusals, the saved plan, a dry run that changes nothing, the
// upgrade itself, and a second run that has nothing to do.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allUnitsActiveIdle, JujuClient } from '@edgekit/juju-client';
import { type JujuSim, startJujuSim } from '@edgekit/juju-sim';
import { MaasClient } from '@edgekit/maas-client';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runEdgekit } from './support/bin.js';
import { CK_BUNDLE } from './support/fixtures.js';

let dir: string;
let maas: MaasSim;
let juju: JujuSim;
let client: JujuClient;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgekit-upgrade-'));
  maas = await startMaasSim({ site: 'demo', timeScale: 3000, seed: 3 });
  juju = await startJujuSim({ maas: { url: maas.url, apiKey: maas.apiKey }, timeScale: 3000, seed: 3 });
  client = await JujuClient.connect(juju.modelLogin());
  await client.deployBundle(await readFile(CK_BUNDLE, 'utf8'));
  const watcher = client.watchModel({ pollIntervalMs: 10 });
  await watcher.waitFor(allUnitsActiveIdle);
  await watcher.stop();
  const caFile = join(dir, 'juju-ca.pem');
  await writeFile(caFile, juju.caCert);
  env = isolatedEnv(dir, {
    MAAS_URL: maas.url,
    MAAS_API_KEY: maas.apiKey,
    JUJU_ENDPOINT: juju.endpoints[0] ?? '',
    JUJU_USER: juju.user,
    JUJU_PASSWORD: juju.password,
    JUJU_CA_CERT: caFile,
  });
}, 60_000);

afterAll(async () => {
  await client?.close();
  await juju?.close();
  await maas?.close();
  await rm(dir, { recursive: true, force: true });
});

const edgekit = (...args: string[]) => runEdgekit(args, { env, cwd: dir });
/** `edgekit status`'s row for one application (printed to a pipe: every `juju status` column). */
async function statusRow(app: string): Promise<string | undefined> {
  const result = await edgekit('status');
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/^APP\s+STATUS\s+SCALE\s+CHARM\s+CHANNEL\s+REV\s+VERSION\s+MESSAGE$/m);
  return result.stdout.split('\n').find((line) => line.startsWith(`${app} `));
}

const maasMachines = () => new MaasClient({ url: maas.url, apiKey: maas.apiKey }).machines.list();

describe('edgekit upgrade', () => {
  it.each([
    [[], /give --to VERSION/],
    [['--to', '1.36', '--resume', 'x.yaml'], /give --to VERSION/],
    [['--to', '1.36', '--max-unavailable', '0'], /--max-unavailable "0" is not a whole number/],
    [['--to', '1.36', '--strategy', 'sideways'], /--strategy "sideways" is not one of in-place, blue-green/],
    [['--resume', 'x.yaml', '--max-unavailable', '2'], /--resume runs the saved plan as it is/],
    [['--to', '1.37'], /skips a minor version/],
    [['--to', 'banana'], /unknown target "banana"/],
    [['--resume', 'missing.yaml'], /missing\.yaml/],
  ])('refuses %j with one line and exit 2, changing nothing', async (args, message) => {
    const before = juju.stats().mutatingRequests;
    const result = await edgekit('upgrade', ...args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^edgekit: [^\n]+\n$/);
    expect(result.stderr).toMatch(message);
    expect(juju.stats().mutatingRequests).toBe(before);
  });

  it('a bad upgrade document is one line naming the field', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      'kind: UpgradePlan\nversion: 1\nid: x\nfrom: "1.35"\nto: "1.36"\nstrategy: in-place\nmaxUnavailable: 1\nsteps: [{ id: a, kind: action }]\n',
    );
    const result = await edgekit('upgrade', '--resume', bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^edgekit: .*bad\.yaml is not an UpgradePlan: steps\[0\]\.[^\n]+\n$/);
  });

  it('dry-runs a blue-green upgrade: new worker VMs placed, the green application, the old retired; nothing changed', async () => {
    const before = juju.stats().mutatingRequests;
    const machines = (await maasMachines()).length;
    const dry = await edgekit('upgrade', '--to', '1.36', '--strategy', 'blue-green', '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    const data = JSON.parse(dry.stdout) as { plan: { strategy: string; steps: { kind: string }[] } };
    expect(data.plan.strategy).toBe('blue-green');
    const kinds = data.plan.steps.map((s) => s.kind);
    expect(kinds.filter((k) => k === 'new-worker')).toHaveLength(3);
    expect(kinds.slice(-5)).toEqual(['deploy-green', 'retire', 'retire', 'retire', 'remove-application']);
    expect(juju.stats().mutatingRequests).toBe(before);
    expect((await maasMachines()).length).toBe(machines);
  });

  it('plans and saves without --yes (exit 2: nobody to ask), dry-runs without a change, upgrades, then has nothing to do', async () => {
    const file = join(dir, 'up.yaml');
    const asked = await edgekit('upgrade', '--to', '1.36', '-o', file);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(/needs --yes; plan saved to .*up\.yaml/);
    expect(await readFile(file, 'utf8')).toContain('kind: UpgradePlan');

    // `edgekit status` lists applications as `juju status` does: charm, channel, revision, version, units.
    expect(await statusRow('kubernetes-worker')).toMatch(
      /^kubernetes-worker\s+active\s+3\/3\s+kubernetes-worker\s+1\.35\/stable\s+\d+\s+1\.35\.0\s/,
    );
    const before = juju.stats().mutatingRequests;
    const dry = await edgekit('upgrade', '--resume', file, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/1\. snapshot etcd\/0: /);
    expect(dry.stdout).toMatch(
      /refresh etcd to 1\.36\/stable: .*\n +would call Charms\.AddCharm, Application\.SetCharm\n/,
    );
    expect(dry.stdout).toMatch(/dry run: nothing was changed/);
    expect(juju.stats().mutatingRequests).toBe(before);

    const run = await edgekit('upgrade', '--resume', file, '--yes', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const data = JSON.parse(run.stdout) as { result: { executed: string[] }; plan: { steps: unknown[] } };
    expect(data.result.executed).toHaveLength(data.plan.steps.length);
    const status = await client.client.fullStatus();
    for (const [name, app] of Object.entries(status.applications)) {
      expect(app['charm-channel'], name).toBe('1.36/stable');
      for (const [unit, u] of Object.entries(app.units ?? {})) {
        expect(u['workload-status'].status, unit).toBe('active');
        if (name.startsWith('kubernetes-')) expect(u['workload-version'], unit).toBe('1.36.0');
      }
    }
    // After the refresh: the new channel (FullStatus) and workload version (the units' reports).
    expect(await statusRow('kubernetes-worker')).toMatch(
      /^kubernetes-worker\s+active\s+3\/3\s+kubernetes-worker\s+1\.36\/stable\s+\d+\s+1\.36\.0\s/,
    );

    const again = await edgekit('upgrade', '--to', '1.36');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already runs Charmed Kubernetes 1\.36 .*nothing to do/);
    const resumed = await edgekit('upgrade', '--resume', file, '--yes', '--json');
    expect(JSON.parse(resumed.stdout).result.executed).toEqual([]);
  }, 120_000);
});
