import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createPlan, PlanInputError, workloadFromBundle } from '../src/index.js';
import { constraintSizes, constraintsText } from '../src/outputs/constraints.js';
import { ckBundleTexts, demoInventory, haEdgeWorkload, roundRobin } from './support/plan-helpers.js';

interface BundleYaml {
  series?: string;
  applications: Record<
    string,
    { charm: string; channel?: string; num_units?: number; constraints?: string; to?: string[] }
  >;
  relations: string[][];
  machines?: Record<string, { constraints: string; annotations: Record<string, string> }>;
}

function plan(workers = 2) {
  const inventory = demoInventory();
  const workload = haEdgeWorkload(workers);
  return createPlan({
    id: 'out01',
    inventory,
    workload,
    placement: { objective: 'spread', rule: 'server', assignments: roundRobin(workload, inventory) },
  });
}

describe('Juju constraints (juju-client parses them; edge-core reads the sizes)', () => {
  it('reads the bundle forms, with a zero as no constraint, and writes them back', () => {
    expect(constraintSizes('cores=2 mem=8G root-disk=16G', 'test')).toEqual({
      cores: 2,
      memMiB: 8192,
      rootDiskMiB: 16384,
    });
    expect(constraintSizes('mem=1536 tags=virtual,edge zones=edge-a', 'test')).toEqual({
      memMiB: 1536,
      tags: ['virtual', 'edge'],
      zones: ['edge-a'],
    });
    expect(constraintSizes('cores= mem=0', 'test')).toEqual({});
    expect(constraintsText({ cores: 4, memMiB: 16384, rootDiskMiB: 1536, tags: ['a'], zones: [] })).toBe(
      'cores=4 mem=16G root-disk=1536M tags=a',
    );
  });

  it.each([
    'mem=lots',
    'cores=4abc',
    'cores=1e3',
    'cores=2.7',
    `mem=${'9'.repeat(400)}`,
    'cores=-1',
    'flavour=big',
  ])('refuses %s with a PlanInputError naming where and the token', (text) => {
    const error = (() => {
      try {
        constraintSizes(text, 'application etcd: constraints');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PlanInputError);
    expect((error as Error).message).toMatch(
      /^application etcd: constraints: .*(bad constraint|unknown constraint)/,
    );
  });
});

describe('workload from the Charmed Kubernetes bundle', () => {
  it('reads 10 machines, 18 cores, 72 GiB and 160 GiB from the unmodified bundle', () => {
    const workload = workloadFromBundle(ckBundleTexts());
    const roles = Object.values(workload.roles);
    expect(roles.reduce((n, r) => n + r.count, 0)).toBe(10);
    expect(roles.reduce((n, r) => n + r.count * r.cores, 0)).toBe(18);
    expect(roles.reduce((n, r) => n + r.count * r.memoryMiB, 0)).toBe(72 * 1024);
    expect(roles.reduce((n, r) => n + r.count * (r.disks[0]?.sizeGB ?? 0), 0)).toBe(160);
    expect(workload.applications.calico?.subordinate).toBe(true);
    expect(workload.relations).toHaveLength(13);
    expect(workload.base).toBe('ubuntu@24.04');
  });

  it('regroups control plane and etcd for the HA edge topology', () => {
    const workload = haEdgeWorkload();
    expect(workload.roles['kubernetes-control-plane']).toMatchObject({
      count: 3,
      cores: 4,
      memoryMiB: 16384,
      applications: ['kubernetes-control-plane', 'etcd'],
    });
    expect(workload.roles.etcd).toBeUndefined();
  });

  it('rejects a colocation naming an application the bundle lacks', () => {
    expect(() => workloadFromBundle(ckBundleTexts(), { colocate: [['etcd', 'vault']] })).toThrow(
      PlanInputError,
    );
  });
});

describe('plan outputs', () => {
  it('compose requests carry cores, memory, storage on the chosen pool, hostname and zone/pool ids', () => {
    const { outputs, placement } = plan();
    expect(outputs.compose).toHaveLength(placement.machines.length);
    const cp0 = outputs.compose.find((c) => c.params.hostname === 'ek-out01-kubernetes-control-plane-0');
    const machine = placement.machines.find((m) => m.hostname === 'ek-out01-kubernetes-control-plane-0');
    expect(machine?.target.kind).toBe('vm');
    expect(cp0).toEqual({
      vmHostId: machine?.target.kind === 'vm' ? machine.target.vmHostId : -1,
      vmHostName: machine?.target.kind === 'vm' ? machine.target.vmHostName : '',
      role: 'kubernetes-control-plane',
      params: {
        hostname: 'ek-out01-kubernetes-control-plane-0',
        cores: 4,
        memory: 16384,
        storage: 'root:32(default)',
        zone: machine?.zone.id,
        pool: 0,
      },
    });
    // Control-plane machines are spread over three zones.
    const zones = placement.machines
      .filter((m) => m.role === 'kubernetes-control-plane')
      .map((m) => m.zone.name);
    expect(new Set(zones).size).toBe(3);
  });

  it('tags every machine with the plan tag and its role', () => {
    const { outputs } = plan();
    expect(outputs.tags.plan).toBe('edgekit-plan-out01');
    for (const entry of outputs.machineTags) {
      const role = entry.hostname.replace(/^ek-out01-/, '').replace(/-\d+$/, '');
      expect(entry.tags).toEqual(['edgekit-plan-out01', `edgekit-role-${role}`]);
    }
  });

  it('renders a bundle shaped like the CK bundle and an overlay placing every unit on its machine', () => {
    const { outputs, placement, workload } = plan(3);
    const bundle = parseYaml(outputs.juju.bundle) as BundleYaml;
    const original = parseYaml(ckBundleTexts()[0] ?? '') as BundleYaml;
    expect(bundle.series).toBe('noble');
    expect(Object.keys(bundle.applications).sort()).toEqual(Object.keys(original.applications).sort());
    expect(bundle.relations).toEqual(original.relations);
    for (const [name, app] of Object.entries(original.applications)) {
      expect(bundle.applications[name]?.charm).toBe(app.charm);
      expect(bundle.applications[name]?.channel).toBe(app.channel);
    }
    expect(bundle.applications.etcd?.num_units).toBe(3);
    expect(bundle.applications['kubernetes-worker']?.num_units).toBe(3);

    const overlay = parseYaml(outputs.juju.overlay) as BundleYaml;
    const machines = overlay.machines ?? {};
    expect(Object.keys(machines)).toHaveLength(placement.machines.length);
    for (const [name, app] of Object.entries(overlay.applications)) {
      expect(app.to).toHaveLength(app.num_units ?? -1);
      for (const key of app.to ?? []) {
        const entry = machines[key];
        const planned = placement.machines.find((m) => m.hostname === entry?.annotations['edgekit-hostname']);
        expect(planned, `${name} -> ${key}`).toBeDefined();
        expect(workload.roles[planned?.role ?? '']?.applications).toContain(name);
        expect(entry?.constraints).toContain(`tags=edgekit-plan-out01,edgekit-role-${planned?.role}`);
        expect(entry?.constraints).toContain(`zones=${planned?.zone.name}`);
      }
    }
    for (const jm of outputs.juju.machines) expect(jm.placement).toBe(jm.hostname);
  });

  it('sends GPU workers to a bare-metal machine with free GPUs, placed by system id', () => {
    const inventory = demoInventory();
    const base = haEdgeWorkload();
    const worker = base.roles['kubernetes-worker'];
    if (worker === undefined) throw new Error('no worker role');
    const workload = {
      ...base,
      roles: {
        ...base.roles,
        'gpu-worker': {
          ...worker,
          count: 1,
          kind: 'bare-metal' as const,
          gpus: 2,
          applications: ['kubernetes-worker'],
        },
      },
    };
    const result = createPlan({
      id: 'gpu01',
      inventory,
      workload,
      placement: { objective: 'spread', rule: 'server', assignments: roundRobin(workload, inventory) },
    });
    expect(result.outputs.bareMetal).toEqual([
      { systemId: 'gpuc01', hostname: 'gpu-c1', role: 'gpu-worker', gpus: 2 },
    ]);
    expect(result.outputs.compose.some((c) => c.params.hostname === 'gpu-c1')).toBe(false);
    expect(result.outputs.juju.machines.find((m) => m.hostname === 'gpu-c1')?.placement).toBe(
      'system-id=gpuc01',
    );
    const overlay = parseYaml(result.outputs.juju.overlay) as BundleYaml;
    expect(overlay.applications['kubernetes-worker']?.num_units).toBe(3);

    const threeGpus = {
      ...workload,
      roles: { ...workload.roles, 'gpu-worker': { ...workload.roles['gpu-worker'], gpus: 3 } },
    };
    expect(() =>
      createPlan({
        inventory,
        workload: threeGpus,
        placement: { objective: 'spread', rule: 'server', assignments: roundRobin(threeGpus, inventory) },
      }),
    ).toThrow(/gpu-c1 has 2 GPUs, the role needs 3/);
  });
});
