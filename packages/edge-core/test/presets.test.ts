import { readFileSync } from 'node:fs';
import { fixturePath } from '@edgekit/fixtures';
import { describe, expect, it } from 'vitest';
import {
  PlacementInputError,
  type Preset,
  parseWorkloadYaml,
  presets,
  solvePlacement,
  VmRequestSchema,
  vmRequestsFromBundle,
  workloadFromPreset,
} from '../src/index.js';
import { ckBundleTexts } from './support/plan-helpers.js';

const GiB = 2 ** 30;

function totals(vms: readonly unknown[]) {
  const parsed = vms.map((vm) => VmRequestSchema.parse(vm));
  return {
    machines: parsed.reduce((s, vm) => s + vm.count, 0),
    cores: parsed.reduce((s, vm) => s + vm.count * vm.cores, 0),
    memoryGiB: parsed.reduce((s, vm) => s + (vm.count * vm.memory) / 1024, 0),
    diskGiB: parsed.reduce((s, vm) => s + vm.count * vm.disks.reduce((d, disk) => d + disk.size, 0), 0) / GiB,
  };
}

const bundleText = readFileSync(
  fixturePath('juju', 'bundles', 'charmed-kubernetes-1.35.bundle.yaml'),
  'utf8',
);

describe('bundle constraints to VM requests', () => {
  it('reads the Charmed Kubernetes 1.35 bundle: 10 machines, 18 cores, 72 GiB, 160 GiB', () => {
    const vms = vmRequestsFromBundle(bundleText);
    expect(totals(vms)).toEqual({ machines: 10, cores: 18, memoryGiB: 72, diskGiB: 160 });
    expect(vms.find((vm) => vm.name === 'etcd')).toMatchObject({ count: 3, cores: 2, memory: 8192 });
    // subordinates (calico, containerd) get no machines
    expect(vms.map((vm) => vm.name)).not.toContain('calico');
  });

  it('the charmed-kubernetes preset matches the bundle fixture', () => {
    const fromBundle = vmRequestsFromBundle(bundleText, { spreadUnits: { scope: 'host' } }).map((vm) =>
      VmRequestSchema.parse(vm),
    );
    const preset = presets['charmed-kubernetes']!.vms.map((vm) => VmRequestSchema.parse(vm));
    const key = (vms: typeof preset) => [...vms].sort((a, b) => a.name.localeCompare(b.name));
    expect(key(preset)).toEqual(key(fromBundle));
  });

  it('bundle machines, to: placements and containers', () => {
    const vms = vmRequestsFromBundle(`
machines:
  '0': { constraints: cores=2 mem=4G root-disk=16G }
  '1': { constraints: cores=4 mem=4G root-disk=16G }
applications:
  easyrsa: { charm: easyrsa, num_units: 1, to: ['lxd:0'] }
  kubernetes-worker: { charm: kubernetes-worker, num_units: 2, to: ['1'], constraints: cores=2 mem=8G tags=edge zones=edge-a }
  flannel: { charm: flannel }
`);
    expect(vms).toEqual([
      { name: 'machine-0', count: 1, cores: 2, memory: 4096, disks: [{ size: 16 * GiB }] },
      { name: 'machine-1', count: 1, cores: 4, memory: 4096, disks: [{ size: 16 * GiB }] },
      {
        name: 'kubernetes-worker',
        count: 1,
        cores: 2,
        memory: 8192,
        disks: [{ size: 8 * GiB }],
        tags: ['edge'],
        zones: ['edge-a'],
      },
    ]);
  });

  it('rejects a bundle without applications and bad constraints, naming the place', () => {
    expect(() => vmRequestsFromBundle('name: x')).toThrow(PlacementInputError);
    expect(() => vmRequestsFromBundle('applications:\n  a: { num_units: 1, constraints: mem=lots }')).toThrow(
      /applications\.a\.constraints/,
    );
  });
});

describe('presets', () => {
  const zones = ['edge-a', 'edge-b', 'edge-c'];
  const hosts = zones.flatMap((zone) =>
    [1, 2].map((i) => ({
      name: `kvm-${zone.slice(-1)}${i}`,
      zone,
      cores: 16,
      memory: 65536,
      cpuOverCommitRatio: 2,
      storagePools: [{ name: 'default', free: 1000 * GiB, default: true }],
    })),
  );

  it('charmed-kubernetes-ha-edge puts its control plane in three zones', () => {
    const preset = presets['charmed-kubernetes-ha-edge']!;
    const cp = preset.vms.find((vm) => vm.name === 'control-plane')!;
    expect(cp).toMatchObject({ count: 3, antiAffinity: { scope: 'zone', maxPerDomain: 1 } });
    expect(preset.vms.find((vm) => vm.name === 'kubernetes-worker')!.count).toBeGreaterThanOrEqual(2);
    expect(preset.vms.map((vm) => vm.name)).toEqual(
      expect.arrayContaining(['kubeapi-load-balancer', 'easyrsa']),
    );
    const r = solvePlacement({ hosts, vms: preset.vms }, { maxIterations: 2000, timeLimitMs: 60_000 });
    expect(r.feasible).toBe(true);
    const cpZones = new Set(r.placements.filter((p) => p.request === 'control-plane').map((p) => p.zone));
    expect(cpZones).toEqual(new Set(zones));
  });

  it('kubernetes-core is two machines', () => {
    expect(totals(presets['kubernetes-core']!.vms).machines).toBe(2);
  });
});

describe('workload YAML', () => {
  it('starts from a preset, adds VMs and hosts, and parses sizes with units', () => {
    const problem = parseWorkloadYaml(`
preset: kubernetes-core
vms:
  - { name: db, count: 2, cores: 4, memory: 16G, disks: [{ size: 100G, pool: ssd }], antiAffinity: { group: db, scope: zone } }
hosts:
  - { name: h1, zone: edge-a, cores: 8, memory: 64G, storagePools: [{ name: ssd, free: 1T }] }
`);
    expect(problem.vms.map((vm) => vm.name)).toEqual(['control-plane', 'kubernetes-worker', 'db']);
    expect(problem.vms[2]).toMatchObject({ memory: 16384, disks: [{ size: 100 * GiB, pool: 'ssd' }] });
    expect(problem.hosts[0]).toMatchObject({ memory: 65536, storagePools: [{ free: 1024 * GiB }] });
  });

  it('names the bad field and the unknown preset', () => {
    expect(() => parseWorkloadYaml('preset: nope')).toThrow(/charmed-kubernetes/);
    expect(() => parseWorkloadYaml('vms:\n  - { name: a, cores: two }')).toThrow(/vms\[0\]\.cores/);
  });
});

describe('every preset is deployable with the Charmed Kubernetes 1.35 bundle', () => {
  const texts = ckBundleTexts();
  for (const [name, preset] of Object.entries(presets)) {
    it(`${name}: each role's machines carry bundle applications, every principal has a role`, () => {
      const workload = workloadFromPreset(preset, texts);
      const carried = new Set(Object.values(workload.roles).flatMap((role) => role.applications));
      for (const [app, spec] of Object.entries(workload.applications))
        expect(spec.subordinate || carried.has(app), `${app} is carried`).toBe(true);
      for (const [a, b] of workload.relations)
        for (const endpoint of [a, b])
          expect(workload.applications[endpoint.split(':')[0] ?? '']).toBeDefined();
    });
  }

  it('kubernetes-core is the two-machine form: easyrsa on the control plane, no API load balancer', () => {
    const workload = workloadFromPreset(presets['kubernetes-core'] as Preset, texts);
    expect(workload.roles['control-plane']?.applications).toEqual([
      'kubernetes-control-plane',
      'etcd',
      'easyrsa',
    ]);
    expect(workload.applications['kubeapi-load-balancer']).toBeUndefined();
    expect(workload.relations.flat().some((endpoint) => endpoint.startsWith('kubeapi-load-balancer'))).toBe(
      false,
    );
    expect(Object.keys(workload.roles).sort()).toEqual(['control-plane', 'kubernetes-worker']);
  });
});
