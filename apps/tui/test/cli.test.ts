import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { startJujuSim } from '@edgekit/juju-sim';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import packageJson from '../package.json' with { type: 'json' };
import { type BinResult, EDGEKIT_BIN, isolatedEnv, runEdgekit } from './support/bin.js';
import { CK_BUNDLE, VAULT_OVERLAY } from './support/fixtures.js';

/** Runs the built bin with stdin from /dev/null ('ignore'), as CI and pipes run it. */
let configDir: string;
beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'edgekit-cli-'));
});
afterAll(() => rm(configDir, { recursive: true, force: true }));

/** An environment with no MAAS or Juju configured and a private, empty config folder. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return isolatedEnv(configDir, extra);
}

function edgekit(...args: string[]): Promise<BinResult> {
  return edgekitWith(cleanEnv(), ...args);
}

function edgekitWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<BinResult> {
  return runEdgekit(args, { env, cwd: configDir });
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
    expect(result.code, result.stderr + result.stdout.slice(-2000)).toBe(0);
    expect(result.stdout).toContain('1 Site');
    expect(result.stdout).toContain('SIMULATED demo site');
    expect(result.stdout).toContain('MAAS 3.7');
    expect(result.stdout).toContain('stdin is not a terminal');
    expect(result.stderr).not.toContain('Raw mode');
  });
  it('Ctrl-C (SIGINT) while the UI starts exits 130, even with its first read waiting on MAAS', async () => {
    // A MAAS that accepts and never answers: the start cannot finish by itself, whatever the timing.
    const held = new Set<Socket>();
    const silent = createServer((socket) => held.add(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    try {
      const child = spawn(process.execPath, [EDGEKIT_BIN], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: cleanEnv({
          MAAS_URL: `http://127.0.0.1:${port}/MAAS/`,
          MAAS_API_KEY: 'ck:tk:secret',
          // Ink writes only the last frame, at exit, when it believes it runs in CI (is-in-ci); this test
          // needs the first frame, as a terminal shows it.
          CI: 'false',
          CONTINUOUS_INTEGRATION: 'false',
        }),
        cwd: configDir,
      });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // The first frame: the CLI's SIGINT handler is in place, the site not read yet.
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          resolve();
        }),
      );
      child.kill('SIGINT');
      const [code] = (await once(child, 'close')) as [number | null];
      expect(code, stderr + stdout.slice(-500)).toBe(130);
      expect(stderr).toBe('');
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });
});

describe('subcommands on the simulated demo site (--json parsed)', () => {
  it('inventory --json lists the demo zones, machines and VM hosts with headroom', async () => {
    const result = await edgekit('inventory', '--json');
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.maas.simulated).toBe(true);
    expect(data.zones).toEqual(expect.arrayContaining(['edge-a', 'edge-b', 'edge-c']));
    const hostNames = data.vmHosts.map((h: { name: string }) => h.name);
    expect(hostNames).toEqual(['kvm-a1', 'kvm-a2', 'kvm-b1', 'kvm-b2', 'kvm-c1', 'kvm-c2']);
    expect(data.vmHosts[0].headroom.server.cores).toBe(32 * 4 - 6);
    expect(data.machines.find((m: { hostname: string }) => m.hostname === 'gpu-c1').gpus).toBe(2);
  });

  it('status --json summarises MAAS and the Juju model of the demo', async () => {
    const result = await edgekit('status', '--json');
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.maas.simulated).toBe(true);
    expect(data.machines.byStatus.Ready).toBeGreaterThan(0);
    expect(data.vmHosts).toHaveLength(6);
    expect(data.juju).toMatchObject({ model: 'default', applications: [], allActive: false });
    // The demo's small VMs fit on the survivors of any one host's loss.
    expect(data.survivesHostLoss).toEqual({ ok: true, failures: [] });
    const text = await edgekit('status');
    expect(text.stdout).toContain('N-1: survives the loss of any one VM host');
  });

  it('inventory --yaml prints YAML', async () => {
    const result = await edgekit('inventory', '--yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^maas:\n {2}url: http:\/\/127\.0\.0\.1:\d+\/MAAS\/\n/);
  });

  it('sim --json serves the demo until SIGINT and saves the "sim" profile', async () => {
    // Its own config folder: the "sim" profile must not become the default of the other tests.
    const simEnv = cleanEnv({ EDGEKIT_CONFIG_DIR: join(configDir, 'sim-config') });
    const child = spawn(process.execPath, [EDGEKIT_BIN, 'sim', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: simEnv,
    });
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const ready = JSON.parse(first);
    expect(ready).toMatchObject({
      profile: 'sim',
      maas: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/MAAS\/$/) },
    });
    expect((await stat(ready.file)).mode & 0o777).toBe(0o600);
    const viaProfile = await edgekitWith(simEnv, 'status', '--json', '--profile', 'sim');
    expect(viaProfile.code).toBe(0);
    const status = JSON.parse(viaProfile.stdout);
    expect(status.maas).toMatchObject({ url: ready.maas.url, simulated: false });
    expect(status.juju.model).toBe('default');
    // The maas-sim control API it lists answers on the same origin.
    expect(ready.maas.control).toContain('POST /MAAS/_sim/vm-hosts/NAME/fail/');
    const fail = await fetch(new URL('_sim/vm-hosts/kvm-a1/fail/', ready.maas.url), { method: 'POST' });
    expect(fail.status).toBe(200);
    const rest: string[] = [];
    lines.on('line', (line) => rest.push(line));
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(JSON.parse(rest.join('\n'))).toMatchObject({ stopped: true });
  });
});

describe('a site with a long machine list', () => {
  // 200 items or more take maas-client's compiled check, whose ajv loads on first use: from the bin's
  // bundle, where ajv is inlined CommonJS and its chunk has no named exports.
  it('inventory --json reads 250 machines with the fast check', async () => {
    const sim = await startMaasSim({
      host: '127.0.0.1',
      port: 0,
      site: { large: { hosts: 5, machines: 250 } },
      seed: 1,
    });
    try {
      const result = await edgekitWith(
        cleanEnv({ MAAS_URL: sim.url, MAAS_API_KEY: sim.apiKey }),
        'inventory',
        '--json',
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).machines.length).toBeGreaterThanOrEqual(250);
    } finally {
      await sim.close();
    }
  });
});

describe('login and real-site selection', () => {
  let sim: MaasSim;
  beforeAll(async () => {
    sim = await startMaasSim({ host: '127.0.0.1', port: 0, site: 'demo' });
  });
  afterAll(() => sim.close());

  it('login maas checks the key, saves a 0600 profile and never prints the key', async () => {
    const env = cleanEnv({ MAAS_API_KEY: sim.apiKey, EDGEKIT_CONFIG_DIR: join(configDir, 'login-config') });
    const result = await edgekitWith(env, 'login', 'maas', '--url', sim.url, '--profile', 'lab', '--json');
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data).toMatchObject({ profile: 'lab', maas: { url: sim.url, user: sim.adminUser } });
    expect((await stat(data.file)).mode & 0o777).toBe(0o600);
    const secret = sim.apiKey.split(':')[2] ?? '';
    expect(result.stdout + result.stderr).not.toContain(secret);
    const inventory = await edgekitWith(
      { ...env, MAAS_API_KEY: '' },
      'inventory',
      '--json',
      '--profile',
      'lab',
    );
    expect(JSON.parse(inventory.stdout).maas).toMatchObject({ url: sim.url, simulated: false });
  });

  it('status with a wrong Juju password shows MAAS, says why Juju is missing, exits 1, prints no password', async () => {
    const juju = await startJujuSim({ maas: { url: sim.url, apiKey: sim.apiKey }, timeScale: 600 });
    try {
      const caFile = join(configDir, 'juju-ca.pem');
      await writeFile(caFile, juju.caCert);
      const password = 'wrong-Pa55word-for-status';
      const env = cleanEnv({
        MAAS_URL: sim.url,
        MAAS_API_KEY: sim.apiKey,
        JUJU_ENDPOINT: juju.endpoints[0] ?? '',
        JUJU_USER: 'admin',
        JUJU_PASSWORD: password,
        JUJU_CA_CERT: caFile,
      });
      const result = await edgekitWith(env, 'status');
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^MAAS /);
      expect(result.stdout).toMatch(/Juju: /);
      expect(result.stdout + result.stderr).not.toContain(password);
    } finally {
      await juju.close();
    }
  });

  it('a wrong key exits 3 with one line and no secret', async () => {
    const wrong = 'aaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbb:cccccccccccccccccccccccccccccccc';
    const result = await edgekitWith(
      cleanEnv({ MAAS_URL: sim.url, MAAS_API_KEY: wrong }),
      'inventory',
      '--json',
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^edgekit: [^\n]+\n$/);
    expect(result.stderr).not.toContain('cccccccccccccccc');
    expect(result.stdout).toBe('');
  });

  it('an unreachable MAAS exits 3; --debug adds the stack', async () => {
    const env = cleanEnv({ MAAS_URL: 'http://127.0.0.1:9/MAAS/', MAAS_API_KEY: sim.apiKey });
    const debug = await edgekitWith(env, 'inventory', '--debug');
    expect(debug.code).toBe(3);
    // One line for the error, then (only because of --debug) the stack.
    expect(debug.stderr).toMatch(/^edgekit: [^\n]+\n/);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(debug.stderr).not.toContain(sim.apiKey.split(':')[2] ?? '');
  });
});

describe('bad input files and paths: one line, exit code 2, nothing left behind (issue 14)', () => {
  it.each([
    ['a device as a plan', ['bundle', '/dev/zero'], /\/dev\/zero is not a regular file/],
    [
      'a device as a workload',
      ['plan', '--workload', '/dev/urandom'],
      /--workload \/dev\/urandom: is not a regular file/,
    ],
    ['a missing plan', ['bundle', '/no/such/plan.yaml'], /no such file/],
  ])('%s', async (_what, args, message) => {
    const result = await edgekit(...args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('a YAML custom tag or undefined alias is a one-line error, not a Node warning and a half-read file', async () => {
    for (const [name, text, message] of [
      ['tag.yaml', 'preset: !foo charmed-kubernetes\n', /Unresolved tag: !foo/],
      ['alias.yaml', 'preset: *nowhere\n', /Unresolved alias/],
    ] as const) {
      const file = join(configDir, name);
      await writeFile(file, text);
      const result = await edgekit('plan', '--workload', file);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain('YAMLWarning');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });

  it('bundle -o a file that is not a folder, and plan -o a folder, are usage errors; no temp file stays', async () => {
    const plan = join(configDir, 'exit-codes.plan.yaml');
    expect((await edgekit('plan', '--preset', 'kubernetes-core', '-o', plan)).code).toBe(0);
    const toDevNull = await edgekit('bundle', plan, '-o', '/dev/null');
    expect(toDevNull.code).toBe(2);
    expect(toDevNull.stderr).toMatch(/-o \/dev\/null is not a folder/);
    const folder = join(configDir, 'a-folder');
    await mkdir(folder);
    const toFolder = await edgekit('plan', '--preset', 'kubernetes-core', '-o', folder);
    expect(toFolder.code).toBe(2);
    expect(toFolder.stderr).toMatch(/is a folder: name a file/);
    expect((await readdir(configDir)).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    [['plan', '--preset', 'toString'], /no preset "toString"; presets: /],
    [
      ['plan', '--preset', 'kubernetes-core', '--count', 'no-such-role=5'],
      /no role "no-such-role" in this workload; its roles: /,
    ],
    [['plan', '--preset', 'kubernetes-core', '--count', '__proto__=5'], /no role "__proto__"/],
  ])(
    '%j names what is unknown and what is valid (names from input never reach JS internals)',
    async (args, message) => {
      const result = await edgekit(...args);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    },
  );

  it('login juju with an endpoint that is not HOST:PORT is a usage error before any dial', async () => {
    const result = await edgekitWith(
      { ...cleanEnv(), JUJU_PASSWORD: 'x' },
      'login',
      'juju',
      '--endpoint',
      'not a host',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--endpoint "not a host" is not HOST:PORT/);
  });
});

describe('planning subcommands (--json parsed)', () => {
  it('plan --preset writes a plan file; bundle reads it back', async () => {
    const file = join(configDir, 'plan.yaml');
    const result = await edgekit('plan', '--preset', 'charmed-kubernetes-ha-edge', '-o', file, '--json');
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.file).toBe(file);
    expect(data.machines).toHaveLength(7);
    // The three control-plane VMs go to three different zones (zone anti-affinity).
    const zones = data.machines
      .filter((m: { role: string }) => m.role === 'control-plane')
      .map((m: { zone: string }) => m.zone);
    expect(new Set(zones).size).toBe(3);
    expect(await readFile(file, 'utf8')).toContain('kind: Plan');
    const bundle = await edgekit('bundle', file, '--json');
    expect(bundle.code).toBe(0);
    const outputs = JSON.parse(bundle.stdout);
    expect(outputs.bundle).toContain('kubernetes-control-plane');
    expect(outputs.overlay).toContain('machines:');
    const dryRun = await edgekit('apply', file, '--dry-run', '--json');
    expect(dryRun.code, dryRun.stderr).toBe(0);
    const preview = JSON.parse(dryRun.stdout);
    expect(preview.diff.toCompose).toHaveLength(7);
    expect(preview.requests.filter((r: { call: string }) => r.call.includes('op=compose'))).toHaveLength(7);
  });

  it('bundle -o DIR writes inside DIR whatever the plan is named (no path traversal)', async () => {
    const file = join(configDir, 'traversal.plan.yaml');
    expect((await edgekit('plan', '--preset', 'kubernetes-core', '-o', file, '--json')).code).toBe(0);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^name: .*$/m, 'name: ../../../../escaped/x'));
    const out = join(configDir, 'bundle-out');
    await mkdir(out);
    const result = await edgekit('bundle', file, '-o', out, '--json');
    expect(result.code, result.stderr).toBe(0);
    const written = (JSON.parse(result.stdout) as { files: { bundle: string; overlay: string } }).files;
    for (const path of [written.bundle, written.overlay]) expect(dirname(path)).toBe(out);
    expect((await readdir(out)).sort()).toEqual(['escaped-x.bundle.yaml', 'escaped-x.overlay.yaml']);
  });

  it('size --tolerate-failures 1 --json answers with hosts, bound and per-zone counts', async () => {
    const result = await edgekit('size', '--tolerate-failures', '1', '--json');
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.hostsNeeded).toBeGreaterThanOrEqual(data.lowerBound.value);
    expect(Object.keys(data.perZone).sort()).toEqual(['edge-a', 'edge-b', 'edge-c']);
    expect(data.onThisSite.feasible).toBe(true);
  });

  it('size on the HA edge preset surviving one host failure proves its answer: the bound equals it', async () => {
    const json = await edgekit(
      'size',
      '--preset',
      'charmed-kubernetes-ha-edge',
      '--tolerate-failures',
      '1',
      '--json',
    );
    expect(json.code, json.stderr).toBe(0);
    const data = JSON.parse(json.stdout);
    // each zone holds one control-plane VM, which can only fail over within its zone: 2 hosts per zone
    expect(data.hostsNeeded).toBe(6);
    expect(data.lowerBound).toMatchObject({ value: 6, rule: 'N-1' });
    expect(data.provenOptimal).toBe(true);
    const text = await edgekit('size', '--preset', 'charmed-kubernetes-ha-edge', '--tolerate-failures', '1');
    expect(text.stdout).toContain('6 hosts');
    expect(text.stdout).toContain('lower bound 6, N-1; optimal');
    expect(text.stdout).not.toMatch(/gap \d+%/);
  });

  it('plan --bundle plans every principal unit of a real Juju bundle', async () => {
    const bundle = parse(await readFile(CK_BUNDLE, 'utf8')) as {
      applications: Record<string, { num_units?: number }>;
    };
    const units = Object.entries(bundle.applications)
      .filter(([, app]) => (app.num_units ?? 0) > 0)
      .map(([name, app]) => [name, app.num_units] as const);
    const result = await edgekit('plan', '--bundle', CK_BUNDLE, '--json');
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.name).toBe('charmed-kubernetes-1.35');
    const perRole = new Map<string, number>();
    for (const m of data.machines as { role: string }[]) perRole.set(m.role, (perRole.get(m.role) ?? 0) + 1);
    expect(Object.fromEntries(perRole)).toEqual(Object.fromEntries(units));
  });

  it('plan --bundle --overlay merges overlays as juju deploy does (the real vault PKI HA overlay, then a local one)', async () => {
    const local = join(configDir, 'local.overlay.yaml');
    await writeFile(
      local,
      'applications:\n  kubernetes-worker:\n    num_units: 4\n  kubeapi-load-balancer: null\n',
    );
    const result = await edgekit(
      'plan',
      '--bundle',
      CK_BUNDLE,
      '--overlay',
      VAULT_OVERLAY,
      '--overlay',
      local,
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const perRole = new Map<string, number>();
    for (const m of JSON.parse(result.stdout).machines as { role: string }[])
      perRole.set(m.role, (perRole.get(m.role) ?? 0) + 1);
    expect(perRole.get('vault')).toBe(3);
    expect(perRole.get('mysql-innodb-cluster')).toBe(3);
    expect(perRole.get('kubernetes-worker')).toBe(4);
    expect(perRole.has('kubeapi-load-balancer')).toBe(false);
    const sized = await edgekit('size', '--bundle', CK_BUNDLE, '--overlay', local, '--json');
    expect(JSON.parse(sized.stdout).workload).toEqual({ kind: 'bundle', file: CK_BUNDLE, overlays: [local] });
    const alone = await edgekit('plan', '--overlay', local);
    expect(alone).toMatchObject({ code: 2, stdout: '' });
    expect(alone.stderr).toMatch(/^edgekit: --overlay applies to a bundle: [^\n]*\n$/);
    const missing = await edgekit('plan', '--bundle', CK_BUNDLE, '--overlay', join(configDir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^edgekit: --overlay \S*nope\.yaml: no such file\n$/);
  });

  it("size --workload sizes the file's own VMs", async () => {
    const file = join(configDir, 'db.workload.yaml');
    await writeFile(
      file,
      'vms:\n  - { name: db, count: 3, cores: 4, memory: 16G, antiAffinity: { group: db, scope: zone } }\n',
    );
    const result = await edgekit('size', '--workload', file, '--json');
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data).toMatchObject({ preset: null, workload: { kind: 'workload', file } });
    // Three db VMs, at most one per zone: the bound comes from the file's anti-affinity group.
    expect(data.lowerBound).toMatchObject({ value: 3, rule: 'anti-affinity' });
    expect(data.lowerBound.detail).toContain('db');
    expect(data.onThisSite).toMatchObject({ feasible: true, unplaced: [] });
  });

  it('a missing or invalid workload or bundle file is a one-line usage error naming it', async () => {
    const bad = join(configDir, 'bad.workload.yaml');
    await writeFile(bad, 'vms:\n  - { name: db, cores: many }\n');
    const invalid = await edgekit('size', '--workload', bad, '--json');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^edgekit: --workload \S*bad\.workload\.yaml: .*cores[^\n]*\n$/);
    const missing = await edgekit('plan', '--bundle', join(configDir, 'nope.yaml'));
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/^edgekit: --bundle \S*nope\.yaml: no such file\n$/);
    const notBundle = await edgekit('plan', '--bundle', bad);
    expect(notBundle.code).toBe(2);
    expect(notBundle.stderr).toMatch(
      /^edgekit: --bundle \S*bad\.workload\.yaml: bundle has no applications[^\n]*\n$/,
    );
    // The TUI takes the same flags and refuses a bad file before its first frame.
    const tui = await edgekit('--bundle', join(configDir, 'nope.yaml'));
    expect(tui).toMatchObject({ code: 2, stdout: '' });
    expect(tui.stderr).toMatch(/^edgekit: --bundle \S*nope\.yaml: no such file\n$/);
    const both = await edgekit('size', '--preset', 'charmed-kubernetes-ha-edge', '--bundle', CK_BUNDLE);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('edgekit: --preset and --bundle are exclusive; pick one\n');
  });

  it('place --input solves a problem file and exits 5 when VMs stay unplaced', async () => {
    const problem = join(configDir, 'problem.json');
    const host = (name: string) => ({ name, cores: 8, memory: 32768, cpuOverCommitRatio: 2 });
    await writeFile(
      problem,
      JSON.stringify({
        hosts: [host('h1'), host('h2')],
        vms: [{ name: 'web', count: 3, cores: 4, memory: 8192 }],
      }),
    );
    const fits = await edgekit('place', '--input', problem, '--json');
    expect(fits.code, fits.stderr).toBe(0);
    const placed = JSON.parse(fits.stdout);
    expect(placed).toMatchObject({ feasible: true, hostsUsed: 1 });
    // The text is a line per host used, not per VM.
    const fitsText = await edgekit('place', '--input', problem);
    expect(fitsText.stdout).toMatch(/^ {2}h\d\s+default\s+3 {2}12\/16 \(4\) ×2\s+24G\/32G \(8G\) ×1$/m);
    expect(fitsText.stdout).not.toContain('web/0');
    await writeFile(
      problem,
      JSON.stringify({ hosts: [host('h1')], vms: [{ name: 'big', count: 1, cores: 12, memory: 8192 }] }),
    );
    const tooBig = await edgekit('place', '--input', problem, '--json');
    expect(tooBig.code).toBe(5);
    expect(JSON.parse(tooBig.stdout).unplaced[0].vm).toBe('big/0');
    // With a VM left out the gap to the bound means nothing: say so instead of a negative percentage.
    const tooBigText = await edgekit('place', '--input', problem);
    expect(tooBigText.stdout).toContain('gap undefined: 1 VM(s) not placed');
    expect(tooBigText.stdout).not.toMatch(/gap -?\d+ ?%/);
    await writeFile(problem, '{"hosts": [{"name": "h1"}], "vms": []}');
    const bad = await edgekit('place', '--input', problem);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^edgekit: .*problem\.json: hosts\[0\]\.cores: /);
  });
});
