import { describe, expect, it } from 'vitest';
import { presets, sizeFleet } from '../src/index.js';

const GiB = 2 ** 30;
const profile = {
  cores: 8,
  memory: 32768,
  cpuOverCommitRatio: 2,
  storagePools: [{ name: 'default', free: 400 * GiB, default: true }],
};

describe('sizeFleet', () => {
  it('sizes Charmed Kubernetes on 8-core 32 GiB hosts, with and without N-1', () => {
    const workload = presets['charmed-kubernetes']!.vms;
    const plain = sizeFleet({
      profile,
      workload,
      zones: ['edge-a', 'edge-b', 'edge-c'],
      timeLimitMs: 60_000,
      maxIterations: 2000,
    });
    // 72 GiB of memory on 32 GiB hosts needs 3; etcd and workers are three to a group, one per host.
    expect(plain.hosts).toBe(3);
    expect(plain.lowerBound.value).toBe(3);
    expect(plain.provenOptimal).toBe(true);
    expect(plain.placement.feasible).toBe(true);
    const n1 = sizeFleet({
      profile,
      workload,
      zones: ['edge-a', 'edge-b', 'edge-c'],
      tolerateHostFailures: 1,
      timeLimitMs: 60_000,
      maxIterations: 2000,
    });
    expect(n1.hosts).toBeGreaterThan(3);
    expect(n1.failover?.ok).toBe(true);
    // losing a host must leave the 3 that memory needs
    expect(n1.lowerBound).toMatchObject({ value: 4, rule: 'N-1' });
    expect(n1.hosts!).toBeGreaterThanOrEqual(n1.lowerBound.value);
    expect(Object.values(n1.perZone).reduce((a, b) => a + b, 0)).toBe(n1.hosts);
  });

  it('with zone anti-affinity, N-1 needs a spare host in every zone', () => {
    const r = sizeFleet({
      profile,
      workload: presets['charmed-kubernetes-ha-edge']!.vms,
      zones: ['edge-a', 'edge-b', 'edge-c'],
      tolerateHostFailures: 1,
      timeLimitMs: 60_000,
      maxIterations: 2000,
    });
    // a failed host's control-plane VM can only move within its own zone (one per zone)
    expect(r.hosts).toBe(6);
    expect(r.perZone).toEqual({ 'edge-a': 2, 'edge-b': 2, 'edge-c': 2 });
    expect(r.failover?.ok).toBe(true);
    // ... and the bound knows it: 3 zones full of control-plane members need 2 hosts each
    expect(r.lowerBound).toMatchObject({ value: 6, rule: 'N-1' });
    expect(r.lowerBound.detail).toContain('group control-plane');
    expect(r.gap).toBe(0);
    expect(r.provenOptimal).toBe(true);
  });

  it('finds the smallest ratios that make given hosts suffice', () => {
    const hosts = [1, 2].map((i) => ({ name: `h${i}`, cores: 4, memory: 16384 }));
    const workload = [{ name: 'vm', count: 6, cores: 2, memory: 4096, disks: [] }];
    const r = sizeFleet({ profile, workload, hosts, timeLimitMs: 60_000, maxIterations: 2000 });
    // 3 VMs per host: 6 vCPUs on 4 cores is ratio 1.5; 12 GiB on 16 GiB is ratio 0.75, so 0.8 in 0.1 steps
    expect(r.ratios).toMatchObject({ cpu: 1.5, memory: 0.8 });
  });
});
