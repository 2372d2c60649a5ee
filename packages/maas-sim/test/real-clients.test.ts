import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MaasSim, startMaasSim } from '../src/index.js';
import { oauthHeader, Wire } from './support/wire.js';

const run = promisify(execFile);
const GOPATH = '/usr/share/gocode';
const probeSource = join(dirname(fileURLToPath(import.meta.url)), 'gomaasapi');

async function goAvailable(): Promise<boolean> {
  if (!existsSync(join(GOPATH, 'src/github.com/juju/gomaasapi/controller.go'))) return false;
  try {
    await run('go', ['version']);
    return true;
  } catch {
    return false;
  }
}

let sim: MaasSim;
let wire: Wire;
let probe: string | null = null;

beforeAll(async () => {
  sim = await startMaasSim({ seed: 13 });
  wire = new Wire(sim);
  if (await goAvailable()) {
    const out = mkdtempSync(join(tmpdir(), 'gomaasapi-probe-'));
    probe = join(out, 'probe');
    await run('go', ['build', '-o', probe, '.'], {
      cwd: probeSource,
      env: {
        ...process.env,
        GO111MODULE: 'off',
        GOPATH,
        GOCACHE: join(tmpdir(), 'maas-sim-gocache'),
        GOFLAGS: '',
      },
    });
  }
}, 180_000);
afterAll(() => sim.close());

/**
 * Juju's MAAS client library, github.com/juju/gomaasapi (Debian golang-github-juju-gomaasapi-dev 2.0.0),
 * compiled and run unchanged against the simulator. Skipped where Go or the library is not installed.
 */
describe('juju/gomaasapi (real client)', () => {
  it.skipIf(!existsSync(join(GOPATH, 'src/github.com/juju/gomaasapi')))(
    'connects, lists, allocates with storage constraints, deploys, sets owner data and releases',
    async () => {
      if (!probe) throw new Error('go toolchain missing although gomaasapi sources are installed');
      const before = sim.stats().byOperation;
      const { stdout } = await run(probe, [sim.url, sim.apiKey]);
      const report = JSON.parse(stdout);
      expect(report.capabilities).toContain('authenticate-api');
      expect(report.zones).toEqual(['default', 'edge-a', 'edge-b', 'edge-c']);
      expect(report.zoneMachines).toEqual(expect.arrayContaining(['gpu-c1', 'kvm-c1', 'kvm-c2']));
      expect(report.fabrics.length).toBeGreaterThanOrEqual(4);
      expect(report.bootImages).toContain('ubuntu/jammy@amd64/ga-22.04');
      expect(report.allocated).toBe('gpu-c1');
      expect(Object.keys(report.storage).sort()).toEqual(['data', 'root']);
      expect(report.deployedStatus).toBe('Deploying');
      expect(report.ownerData).toEqual({ 'juju-model-uuid': 'abc', 'juju-is-controller': 'true' });
      expect(report.releasedStatus).toBe('Releasing');
      expect(report.noMatchError).toMatch(/^No available machine matches constraints: .*\|nomatch=true$/);
      expect(report.badKeyError).toContain('401');
      // gomaasapi 2.0.0 asks for /pools/, which MAAS does not serve (it is /resourcepools/).
      expect(report.pools[0]).toContain('Unknown API endpoint: /MAAS/api/2.0/pools/.');
      const after = sim.stats().byOperation;
      const delta = (key: string): number => (after[key] ?? 0) - (before[key] ?? 0);
      expect(delta('POST /machines/ allocate')).toBe(2);
      expect(delta('POST /machines/ release')).toBe(1);
    },
    60_000,
  );
});

/**
 * python-libmaas and the MAAS CLI cannot be installed here (no PyPI), so their exact request sequences,
 * as read from their sources (maas-api.md §1-2), are replayed byte-for-byte in headers and encodings.
 */
describe('python-libmaas request sequence (replayed)', () => {
  it('authenticates with username/password, reads describe, then lists and allocates with multipart', async () => {
    const version = await wire.get('/version/', {}, false);
    expect(version.json.capabilities).toContain('authenticate-api');
    // bones/helpers.py `authenticate`: POST ../../accounts/authenticate/ with consumer "user@host".
    const form = new FormData();
    form.append('username', sim.adminUser);
    form.append('password', sim.adminPassword);
    form.append('consumer', 'admin@workstation');
    const auth = await wire.raw('POST', new URL('../../accounts/authenticate/', `${wire.api}/`).toString(), {
      sign: false,
      body: form,
    });
    expect(auth.status).toBe(200);
    const key = `${auth.json.consumer_key}:${auth.json.token_key}:${auth.json.token_secret}`;
    const libmaas = (method: string, url: string, body?: FormData) =>
      wire.raw(method, url, {
        sign: false,
        headers: { Authorization: oauthHeader(key, { realm: 'OAuth' }) },
        ...(body && { body }),
      });
    const describe = await libmaas('GET', `${wire.api}/describe/`);
    const machines = describe.json.resources.find((r: { name: string }) => r.name === 'MachinesHandler').auth;
    const list = await libmaas('GET', machines.uri);
    expect(list.status).toBe(200);
    expect(list.headers.get('x-maas-api-hash')).toBe(describe.json.hash);
    // prepare_payload: POST always carries a multipart body, op in the query string.
    const allocate = new FormData();
    allocate.append('zone', 'edge-b');
    allocate.append('dry_run', 'true');
    const res = await libmaas('POST', `${machines.uri}?op=allocate`, allocate);
    expect(res.status).toBe(200);
    expect(res.json.zone.name).toBe('edge-b');
    const empty = await libmaas('POST', `${wire.api}/boot-resources/?op=import`, new FormData());
    expect(empty.status).toBe(200);
  });
});

describe('MAAS CLI request sequence (replayed)', () => {
  it('logs in via describe and runs machines read / machine deploy with multipart bodies', async () => {
    // `maas login` fetches describe with the key and stores the hash; each call compares X-MAAS-API-Hash.
    const describe = await wire.get('/describe/');
    const read = await wire.get('/machines/', { hostname: 'metal-a1' });
    expect(read.headers.get('x-maas-api-hash')).toBe(describe.json.hash);
    const id = read.json[0].system_id;
    const deploy = await wire.post(`/machines/${id}/`, 'deploy', { distro_series: 'noble' }, 'multipart');
    expect(deploy.status).toBe(200);
    expect(deploy.json.distro_series).toBe('noble');
    // `maas admin vm-host compose 1 cores=2 memory=4096` → POST /vm-hosts/1/?op=compose, multipart.
    const host = (await wire.get('/vm-hosts/')).json[0];
    const composed = await wire.post(
      `/vm-hosts/${host.id}/`,
      'compose',
      { cores: 2, memory: 4096 },
      'multipart',
    );
    expect(composed.json.resource_uri).toBe(`/MAAS/api/2.0/machines/${composed.json.system_id}/`);
  });
});
