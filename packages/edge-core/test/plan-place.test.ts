import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MaasClient } from '@edgekit/maas-client';
import { startMaasSim } from '@edgekit/maas-sim';
import { describe, expect, it } from 'vitest';
import {
  headroom,
  loadSnapshotFile,
  PlanInputError,
  parsePlan,
  planWorkload,
  presets,
  saveSnapshotFile,
  serializePlan,
  takeInventory,
  workloadFromPreset,
} from '../src/index.js';
import { ckBundleTexts, demoInventory } from './support/plan-helpers.js';

const preset = presets['charmed-kubernetes-ha-edge'];
if (preset === undefined) throw new Error('the HA edge preset is missing');

describe('planning with the placement engine', () => {
  it('turns the HA edge preset plus the CK bundle into a workload', () => {
    const workload = workloadFromPreset(preset, ckBundleTexts());
    expect(workload.roles['control-plane']).toMatchObject({
      count: 3,
      cores: 4,
      memoryMiB: 16384,
      applications: ['kubernetes-control-plane', 'etcd'],
    });
    expect(workload.roles['control-plane']?.antiAffinity).toEqual({ scope: 'zone', maxPerDomain: 1 });
    expect(Object.keys(workload.applications).sort()).toEqual([
      'calico',
      'containerd',
      'easyrsa',
      'etcd',
      'kubeapi-load-balancer',
      'kubernetes-control-plane',
      'kubernetes-worker',
    ]);
  });

  it('places the preset with zone anti-affinity and admission respected', () => {
    const inventory = demoInventory();
    const plan = planWorkload({
      inventory,
      workload: workloadFromPreset(preset, ckBundleTexts()),
      objective: 'spread',
      timeLimitMs: 50,
      id: 'place1',
    });
    const cp = plan.placement.machines.filter((m) => m.role === 'control-plane');
    expect(new Set(cp.map((m) => m.zone.name)).size).toBe(3);
    const workers = plan.placement.machines.filter((m) => m.role === 'kubernetes-worker');
    expect(new Set(workers.map((m) => (m.target.kind === 'vm' ? m.target.vmHostName : ''))).size).toBe(2);
    for (const host of inventory.vmHosts) {
      const mine = plan.outputs.compose.filter((c) => c.vmHostId === host.id);
      const room = headroom(host, 'server');
      expect(mine.reduce((n, c) => n + c.params.cores, 0)).toBeLessThanOrEqual(room.cores);
      expect(mine.reduce((n, c) => n + c.params.memory, 0)).toBeLessThanOrEqual(room.memoryMiB);
    }
    expect(plan.placement.stats).toMatchObject({
      hostsUsed: expect.any(Number),
      lowerBound: expect.any(Object),
    });
  });

  it('records the certified bound, its rule and the optimal flag in the plan document, typed', () => {
    const plan = planWorkload({
      inventory: demoInventory(),
      workload: workloadFromPreset(preset, ckBundleTexts()),
      objective: 'pack',
      timeLimitMs: 60_000,
      maxIterations: 2000,
      id: 'place2',
    });
    const stats = parsePlan(serializePlan(plan, 'yaml')).placement.stats;
    // three control-plane VMs, one per zone: the zone anti-affinity bound is 3
    expect(stats?.lowerBound).toMatchObject({ value: 3, rule: 'anti-affinity' });
    expect(stats?.provenOptimal).toBe(stats?.hostsUsed === 3);
    expect(stats?.gap).toBeCloseTo(((stats?.hostsUsed ?? 0) - 3) / 3, 9);
  });

  it('explains a workload that does not fit, naming the VM and a fix', () => {
    const workload = workloadFromPreset(preset, ckBundleTexts());
    const big = {
      ...workload,
      roles: {
        ...workload.roles,
        'kubernetes-worker': {
          ...workload.roles['kubernetes-worker']!,
          count: 40,
          cores: 16,
          memoryMiB: 65536,
        },
      },
    };
    expect(() => planWorkload({ inventory: demoInventory(), workload: big, timeLimitMs: 20 })).toThrow(
      PlanInputError,
    );
    expect(() => planWorkload({ inventory: demoInventory(), workload: big, timeLimitMs: 20 })).toThrow(
      /kubernetes-worker\/\d+/,
    );
  });

  it('plans offline from a saved snapshot exactly as from the live MAAS', async () => {
    const sim = await startMaasSim({ site: 'demo', timeScale: 1000 });
    try {
      const live = await takeInventory(new MaasClient({ url: sim.url, apiKey: sim.apiKey }));
      const hostNames = live.vmHosts.map((h) => h.name).sort();
      expect(hostNames).toEqual(['kvm-a1', 'kvm-a2', 'kvm-b1', 'kvm-b2', 'kvm-c1', 'kvm-c2']);
      expect(live.machines.find((m) => m.hostname === 'gpu-c1')?.gpus).toHaveLength(2);
      // VMs of other LXD projects: MAAS's server rule ignores them, the UI's rule counts them.
      const shared = live.vmHosts.filter((h) => h.usedByOtherProjects.cores > 0);
      expect(shared.length).toBeGreaterThan(0);
      for (const host of shared) {
        expect(headroom(host, 'ui').cores).toBe(
          headroom(host, 'server').cores - host.usedByOtherProjects.cores,
        );
        expect(host.vms.some((vm) => vm.otherProject)).toBe(true);
      }
      expect(JSON.stringify(live)).not.toContain(sim.apiKey.split(':')[2] ?? 'no-secret');
      const file = join(mkdtempSync(join(tmpdir(), 'edgekit-snap-')), 'site.yaml');
      await saveSnapshotFile(file, live);
      const offline = await loadSnapshotFile(file);
      expect(offline).toEqual(live);
      const workload = workloadFromPreset(preset, ckBundleTexts());
      const options = { workload, objective: 'spread' as const, maxIterations: 200, id: 'snap01', seed: 3 };
      const fromLive = planWorkload({ ...options, inventory: live, timeLimitMs: 10_000 });
      const fromFile = planWorkload({ ...options, inventory: offline, timeLimitMs: 10_000 });
      expect(fromFile.placement.machines).toEqual(fromLive.placement.machines);
      expect(fromFile.outputs).toEqual(fromLive.outputs);
    } finally {
      await sim.close();
    }
  });
});
