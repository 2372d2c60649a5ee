import { describe, expect, it } from 'vitest';
import {
  type HostInput,
  PlacementInputError,
  type PlacementProblemInput,
  solvePlacement,
} from '../src/index.js';
import { placementViolations } from './support/placement-model-checker.js';

const GiB = 2 ** 30;

function edgeHosts(perZone = 2, extra: Partial<HostInput> = {}): HostInput[] {
  return ['a', 'b', 'c'].flatMap((z) =>
    Array.from({ length: perZone }, (_, i) => ({
      name: `kvm-${z}${i + 1}`,
      zone: `edge-${z}`,
      cores: 8,
      memory: 32768,
      cpuOverCommitRatio: 4,
      storagePools: [{ name: 'default', free: 500 * GiB, default: true }],
      ...extra,
    })),
  );
}

const opts = { maxIterations: 5000, timeLimitMs: 60_000 } as const;

describe('solvePlacement: MAAS admission', () => {
  it('admits 12 vCPUs on 8 cores at ratio 1.5, not 13', () => {
    const hosts = [{ name: 'h', cores: 8, memory: 65536, cpuOverCommitRatio: 1.5 }];
    const twelve = solvePlacement({ hosts, vms: [{ name: 'vm', count: 12, cores: 1, memory: 1024 }] }, opts);
    expect(twelve.feasible).toBe(true);
    const thirteen = solvePlacement(
      { hosts, vms: [{ name: 'vm', count: 13, cores: 1, memory: 1024 }] },
      opts,
    );
    expect(thirteen.feasible).toBe(false);
    expect(thirteen.unplaced).toHaveLength(1);
    expect(thirteen.unplaced[0]!.binding).toBe('cores');
    expect(thirteen.unplaced[0]!.suggestions[0]).toMatchObject({
      kind: 'raise-ratio',
      resource: 'cpu',
      to: 1.7,
    });
  });

  it('counts used cores and memory, and caps one VM at the physical host', () => {
    const hosts = [
      { name: 'h', cores: 8, memory: 16384, cpuOverCommitRatio: 4, used: { cores: 30, memory: 0 } },
    ];
    const r = solvePlacement({ hosts, vms: [{ name: 'a', cores: 2, memory: 1024 }] }, opts);
    expect(r.placements).toHaveLength(1);
    const r2 = solvePlacement({ hosts, vms: [{ name: 'a', cores: 3, memory: 1024 }] }, opts);
    expect(r2.unplaced[0]!.binding).toBe('cores');
    const big = solvePlacement(
      {
        hosts: [{ name: 'h', cores: 8, memory: 16384, cpuOverCommitRatio: 4 }],
        vms: [{ name: 'big', cores: 9, memory: 1024 }],
      },
      opts,
    );
    expect(big.unplaced[0]!.binding).toBe('vm-max-cores');
    expect(big.unplaced[0]!.message).toBe(
      'big/0: no host has 9 physical cores (one VM cannot exceed its host); add a host with at least 9 cores in default',
    );
  });

  it("the UI rule also counts other projects' VMs, the server rule does not", () => {
    const hosts = [{ name: 'h', cores: 4, memory: 8192, other: { cores: 3, memory: 4096 } }];
    const problem = { hosts, vms: [{ name: 'vm', cores: 2, memory: 2048 }] };
    expect(solvePlacement(problem, { ...opts, admission: 'server' }).feasible).toBe(true);
    const ui = solvePlacement(problem, { ...opts, admission: 'ui' });
    expect(ui.feasible).toBe(false);
    expect(ui.unplaced[0]!.binding).toBe('cores');
  });

  it('hugepage VMs need free hugepages (never over-committed) and count against memory', () => {
    const hosts = [{ name: 'h', cores: 16, memory: 32768, memoryOverCommitRatio: 2, hugepages: 8192 }];
    const fits = solvePlacement(
      { hosts, vms: [{ name: 'db', count: 2, memory: 4096, hugepages: true }] },
      opts,
    );
    expect(fits.feasible).toBe(true);
    const tooMany = solvePlacement(
      { hosts, vms: [{ name: 'db', count: 3, memory: 4096, hugepages: true }] },
      opts,
    );
    expect(tooMany.unplaced[0]!.binding).toBe('hugepages');
    // Hugepage VMs count against the over-committed memory limit too (32 GiB x 1.5 = 48 GiB): 32 + 12 GiB of
    // ordinary VMs leave room for one 4 GiB hugepage VM, not two.
    const counted = solvePlacement(
      {
        hosts: [{ ...hosts[0]!, memoryOverCommitRatio: 1.5 }],
        vms: [
          { name: 'db', count: 2, memory: 4096, hugepages: true },
          { name: 'app', memory: 32768 },
          { name: 'app2', memory: 12288 },
        ],
      },
      opts,
    );
    expect(counted.unplaced.map((u) => [u.vm, u.binding])).toEqual([['db/1', 'memory']]);
  });

  it('never over-commits storage and honours the pool a disk names', () => {
    const hosts = [
      {
        name: 'h',
        cores: 32,
        memory: 131072,
        storagePools: [
          { name: 'ssd', free: 100 * GiB },
          { name: 'hdd', free: 1000 * GiB, default: true },
        ],
      },
    ];
    const r = solvePlacement(
      {
        hosts,
        vms: [
          { name: 'db', count: 3, disks: [{ size: '40G', pool: 'ssd' }] },
          { name: 'web', disks: [{ size: '16G' }] },
        ],
      },
      opts,
    );
    expect(r.placements.filter((p) => p.request === 'db')).toHaveLength(2);
    expect(r.unplaced.map((u) => [u.vm, u.binding])).toEqual([['db/2', 'storage']]);
    expect(r.placements.find((p) => p.vm === 'web/0')!.disks).toEqual(['hdd']);
    // 2 x 40 GiB + 16 GiB of the 1100 GiB that was free
    expect(r.utilisation.storage).toBeCloseTo(96 / 1100, 10);
    expect(
      placementViolations(
        {
          hosts,
          vms: [
            { name: 'db', count: 3, disks: [{ size: '40G', pool: 'ssd' }] },
            { name: 'web', disks: [{ size: '16G' }] },
          ],
        },
        r,
      ),
    ).toEqual([]);
  });
});

describe('solvePlacement: constraints', () => {
  it('spreads an anti-affine group over zones and explains the VM that has no third zone', () => {
    const hosts = edgeHosts(2).map((h) => (h.zone === 'edge-c' ? { ...h, used: { cores: 31 } } : h));
    const problem: PlacementProblemInput = {
      hosts,
      vms: [
        { name: 'etcd', count: 3, cores: 2, memory: '8G', antiAffinity: { group: 'etcd', scope: 'zone' } },
        { name: 'worker', count: 4, cores: 2, memory: '8G' },
      ],
    };
    const r = solvePlacement(problem, opts);
    expect(placementViolations(problem, r)).toEqual([]);
    expect(r.unplaced).toHaveLength(1);
    expect(r.unplaced[0]!.message).toBe(
      'etcd/2: no host in a third zone has 2 free cores at cpu ratio 4.0; raise kvm-c1 cpu ratio to 4.2 or add a host in edge-c',
    );
    expect(r.lowerBound).toMatchObject({ value: 3, rule: 'anti-affinity' });
  });

  it('allows at most q per domain', () => {
    const problem: PlacementProblemInput = {
      hosts: edgeHosts(2),
      vms: [
        {
          name: 'cp',
          count: 6,
          cores: 1,
          memory: 1024,
          antiAffinity: { group: 'cp', scope: 'zone', maxPerDomain: 2 },
        },
      ],
    };
    const r = solvePlacement(problem, opts);
    expect(r.feasible).toBe(true);
    expect(placementViolations(problem, r)).toEqual([]);
    const zones = new Set(r.placements.map((p) => p.zone));
    expect(zones.size).toBe(3);
  });

  it('keeps an affinity group on one host and honours zone, tag and GPU pins', () => {
    const hosts: HostInput[] = [
      ...edgeHosts(1),
      {
        name: 'gpu-c1',
        zone: 'edge-c',
        cores: 16,
        memory: 65536,
        tags: ['gpu'],
        gpus: [{ model: 'a100', count: 2 }],
      },
    ];
    const problem: PlacementProblemInput = {
      hosts,
      vms: [
        { name: 'app', count: 2, cores: 1, memory: 2048, affinity: 'pair' },
        { name: 'cache', cores: 1, memory: 2048, affinity: 'pair' },
        { name: 'ml', count: 2, cores: 4, memory: 8192, gpus: { count: 1, model: 'a100' } },
        { name: 'edge-b-only', zones: ['edge-b'] },
        { name: 'tagged', tags: ['gpu'] },
      ],
    };
    const r = solvePlacement(problem, opts);
    expect(r.feasible).toBe(true);
    expect(placementViolations(problem, r)).toEqual([]);
    const hostOf = (vm: string) => r.placements.find((p) => p.vm === vm)!.host;
    expect(new Set([hostOf('app/0'), hostOf('app/1'), hostOf('cache/0')]).size).toBe(1);
    expect(hostOf('ml/0')).toBe('gpu-c1');
    expect(r.placements.find((p) => p.vm === 'ml/1')!.gpus).toEqual(['a100']);
    expect(hostOf('edge-b-only/0')).toBe('kvm-b1');
    const third = solvePlacement(
      { hosts, vms: [{ name: 'ml', count: 3, cores: 1, memory: 1024, gpus: { count: 1 } }] },
      opts,
    );
    expect(third.unplaced.map((u) => u.binding)).toEqual(['gpus']);
  });

  it('explains an empty fleet and missing storage with the amount to free', () => {
    expect(solvePlacement({ hosts: [], vms: [{ name: 'a' }] }, opts).unplaced[0]!.message).toBe(
      'a/0: there are no hosts; add a host',
    );
    const r = solvePlacement(
      {
        hosts: [{ name: 'h', cores: 4, memory: 8192, storagePools: [{ name: 'p', free: '10G' }] }],
        vms: [{ name: 'a', disks: [{ size: '20G' }] }],
      },
      opts,
    );
    expect(r.unplaced[0]!.message).toBe(
      'a/0: no host has 20.0 GiB free storage; free 10.0 GiB of storage on h or add a host in default',
    );
  });

  it('explains a pin no host matches', () => {
    const r = solvePlacement({ hosts: edgeHosts(1), vms: [{ name: 'x', zones: ['edge-z'] }] }, opts);
    expect(r.unplaced[0]).toMatchObject({ vm: 'x/0', binding: 'pin' });
    expect(r.unplaced[0]!.suggestions).toContainEqual({ kind: 'add-host', zone: 'edge-z' });
  });

  it('rejects contradictions and bad input with typed errors', () => {
    expect(() =>
      solvePlacement({
        hosts: edgeHosts(1),
        vms: [{ name: 'a', count: 2, affinity: 'g', antiAffinity: { group: 'aa' } }],
      }),
    ).toThrow(/anti-affinity group "aa"/);
    expect(() => solvePlacement({ hosts: edgeHosts(1), vms: [{ name: 'a', memory: 512 }] })).toThrow(
      PlacementInputError,
    );
    expect(() => solvePlacement({ hosts: [{ name: 'h', cores: 4, memory: 'lots' }], vms: [] })).toThrow(
      /hosts\[0\]\.memory/,
    );
  });
});

describe('solvePlacement: objectives', () => {
  const problem: PlacementProblemInput = {
    hosts: edgeHosts(2, { cpuOverCommitRatio: 1 }),
    vms: [{ name: 'vm', count: 12, cores: 2, memory: 4096 }],
  };

  it('pack uses the fewest hosts and proves it with the bound', () => {
    const r = solvePlacement(problem, { ...opts, objective: 'pack' });
    expect(placementViolations(problem, r)).toEqual([]);
    expect(r.hostsUsed).toBe(3);
    expect(r.lowerBound.value).toBe(3);
    expect(r.provenOptimal).toBe(true);
    expect(r.utilisation.cores).toBe(1);
  });

  it('spread uses every host with balanced load', () => {
    const r = solvePlacement(problem, { ...opts, objective: 'spread' });
    expect(placementViolations(problem, r)).toEqual([]);
    expect(r.hostsUsed).toBe(6);
    expect(Math.max(...r.hosts.map((h) => h.utilisation))).toBe(0.5);
  });
});
