import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildInterfacesSpec,
  buildStorageSpec,
  decideRetry,
  defaultRetryPolicy,
  MaasInputError,
  machineStorageBytes,
  NODE_STATUS_LABELS,
  NodeStatus,
  nodeStatusFilterName,
  parseMaasVersion,
  parseRetryAfter,
  toNodeStatusCode,
  type VmHost,
  vmHostFits,
  vmHostHeadroom,
} from '../src/index.js';
import { maasFixturesDir } from './support/fixtures.js';

const fixture = (name: string) => JSON.parse(readFileSync(join(maasFixturesDir(), name), 'utf8'));

describe('spec builders', () => {
  it('builds storage specs in GB with tags, and rejects what MAAS would misparse', () => {
    expect(buildStorageSpec([{ label: 'root', sizeGB: 8, tags: ['local'] }, { sizeGB: 1.5 }])).toBe(
      'root:8(local),1.5',
    );
    expect(() => buildStorageSpec([])).toThrow(MaasInputError);
    expect(() => buildStorageSpec([{ sizeGB: 0 }])).toThrow(/positive number of GB/);
    // JavaScript prints these in exponent form, which MAAS's `[0-9.]+` size pattern cannot read (issue 14).
    expect(() => buildStorageSpec([{ sizeGB: 1e-7 }])).toThrow(/plain decimal, got 1e-7/);
    expect(() => buildStorageSpec([{ sizeGB: 1e21 }])).toThrow(/plain decimal, got 1e\+21/);
    expect(() => buildStorageSpec([{ sizeGB: 1, tags: ['a,b'] }])).toThrow(/commas/);
    expect(() => buildStorageSpec([{ label: 'a b', sizeGB: 1 }])).toThrow(/label/);
  });

  it('builds interface specs and rejects separators inside values', () => {
    expect(
      buildInterfacesSpec([
        { label: 'eth0', match: { space: 'mgmt' } },
        { label: 'eth1', match: { subnet_cidr: '10.0.0.0/24', mode: 'unconfigured' } },
      ]),
    ).toBe('eth0:space=mgmt;eth1:subnet_cidr=10.0.0.0/24,mode=unconfigured');
    expect(() => buildInterfacesSpec([{ label: 'eth0', match: { space: 'a;b' } }])).toThrow(MaasInputError);
    expect(() => buildInterfacesSpec([{ label: 'eth0', match: {} }])).toThrow(/at least one/);
    expect(() =>
      buildInterfacesSpec([
        { label: 'x', match: { id: 1 } },
        { label: 'x', match: { id: 2 } },
      ]),
    ).toThrow(/twice/);
  });
});

describe('units and statuses', () => {
  it('converts machine storage (MB float) to bytes', () => {
    const m = fixture('machine-read.gomaasclient.json');
    expect(machineStorageBytes(m)).toBe(Math.round(m.storage * 1e6));
    expect(machineStorageBytes({ storage: 500107.862016 })).toBe(500_107_862_016);
  });

  it('maps status codes to MAAS names both ways', () => {
    expect(NODE_STATUS_LABELS[NodeStatus.FAILED_ENTERING_RESCUE_MODE]).toBe('Failed to enter rescue mode');
    expect(nodeStatusFilterName(NodeStatus.FAILED_COMMISSIONING)).toBe('failed_commissioning');
    expect(toNodeStatusCode('deployed')).toBe(6);
    expect(() => toNodeStatusCode('nope' as 'ready')).toThrow(/Unknown MAAS node status/);
    for (const m of fixture('tag-machines.maas-examples.json'))
      expect(NODE_STATUS_LABELS[m.status as 4]).toBe(m.status_name);
  });

  it('parses MAAS version strings', () => {
    const v = parseMaasVersion({
      version: '3.5.0~beta1-16455-g.fba1efbdd2',
      capabilities: [],
      subversion: '',
    });
    expect([v.major, v.minor, v.patch]).toEqual([3, 5, 0]);
    expect(parseMaasVersion(fixture('version.maas-examples.json')).major).toBe(2);
  });
});

describe('VM-host headroom', () => {
  const host = fixture('vm-hosts-list.maas-examples.json')[0] as VmHost;
  it('applies over-commit ratios that the REST "available" ignores', () => {
    const h: VmHost = {
      ...host,
      total: { cores: 8, memory: 16384, local_storage: 0 },
      used: { cores: 10, memory: 8192, local_storage: 0 },
      cpu_over_commit_ratio: 1.5,
      memory_over_commit_ratio: 1,
    };
    const room = vmHostHeadroom(h);
    expect(room.cores).toBe(2); // 8 × 1.5 − 10
    expect(room.memoryMiB).toBe(8192);
    expect(vmHostFits(h, { cores: 2, memoryMiB: 4096 })).toBe(true);
    expect(vmHostFits(h, { cores: 3, memoryMiB: 4096 })).toBe(false);
    expect(vmHostFits(h, { cores: 1, memoryMiB: 16385 })).toBe(false);
  });
});

describe('retry decisions as data', () => {
  const p = defaultRetryPolicy;
  it('follows the policy table', () => {
    const s = (status: number, retryAfterSeconds?: number) => ({
      kind: 'status' as const,
      status,
      retryAfterSeconds,
    });
    expect(decideRetry(p, { method: 'POST', attempt: 1 }, s(409, 5))).toMatchObject({
      retry: true,
      delayMs: 5000,
    });
    expect(decideRetry(p, { method: 'POST', attempt: 1 }, s(409))).toMatchObject({ retry: false });
    expect(decideRetry(p, { method: 'POST', attempt: 1 }, s(502))).toMatchObject({ retry: false });
    expect(decideRetry(p, { method: 'GET', attempt: 1 }, s(504), () => 0)).toMatchObject({
      retry: true,
      delayMs: 500,
    });
    expect(decideRetry(p, { method: 'GET', attempt: 4 }, s(504))).toMatchObject({
      retry: false,
      reason: 'retries exhausted',
    });
    expect(decideRetry(p, { method: 'GET', attempt: 1 }, s(404))).toMatchObject({ retry: false });
    expect(
      decideRetry(p, { method: 'GET', attempt: 1 }, { kind: 'network', code: 'CERT_HAS_EXPIRED' }),
    ).toMatchObject({ retry: false });
    expect(decideRetry(p, { method: 'POST', attempt: 1 }, { kind: 'timeout' })).toMatchObject({
      retry: false,
    });
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('10')).toBe(10);
    expect(
      parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1)),
    ).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
