import type { Inventory, MachineRow, VmHostRow } from '../../src/site/model.js';

/** View-model rows for pure view tests (container tests use the simulators instead). */
export function machineRow(i: number, overrides: Partial<MachineRow> = {}): MachineRow {
  const zones = ['edge-a', 'edge-b', 'edge-c'];
  const statuses = ['Ready', 'Deployed', 'New', 'Failed commissioning'];
  return {
    systemId: `m${String(i).padStart(5, '0')}`,
    hostname: `node-${i}`,
    status: statuses[i % statuses.length] ?? 'Ready',
    zone: zones[i % zones.length] ?? 'edge-a',
    pool: 'default',
    cpuCount: 8 + (i % 4) * 8,
    memoryMiB: 32768,
    storageMB: 480_000,
    tags: i % 10 === 0 ? ['gpu'] : [],
    powerState: 'off',
    owner: null,
    architecture: 'amd64/generic',
    osystem: '',
    distroSeries: '',
    ipAddresses: [],
    vmHost: null,
    gpus: i % 10 === 0 ? 2 : 0,
    gpuDevices:
      i % 10 === 0
        ? [0, 1].map((n) => ({
            vendor: 'NVIDIA Corporation',
            model: 'GA100 [A100 PCIe 40GB]',
            numaNode: n,
            pciAddress: `0000:${(0x41 + n * 0x40).toString(16)}:00.0`,
          }))
        : [],
    ...overrides,
  };
}

export function vmHostRow(id: number, overrides: Partial<VmHostRow> = {}): VmHostRow {
  return {
    id,
    name: `kvm-${id}`,
    type: 'lxd',
    zone: 'edge-a',
    pool: 'default',
    tags: [],
    cpuOverCommitRatio: 2,
    memoryOverCommitRatio: 1,
    total: { cores: 32, memoryMiB: 131072, storageBytes: 2e12 },
    used: { cores: 20, memoryMiB: 65536, storageBytes: 5e11 },
    usedOther: { cores: 4, memoryMiB: 8192 },
    storagePools: [
      {
        name: 'default',
        type: 'zfs',
        totalBytes: 2e12,
        usedBytes: 5e11,
        availableBytes: 1.5e12,
        isDefault: true,
      },
    ],
    vms: [{ systemId: `vm${id}`, hostname: `vm-${id}`, status: 'Deployed', cores: 20, memoryMiB: 65536 }],
    ...overrides,
  };
}

export function inventory(machines: number, hosts = 2): Inventory {
  return {
    maasVersion: '3.7.3',
    zones: ['edge-a', 'edge-b', 'edge-c'],
    pools: ['default'],
    machines: Array.from({ length: machines }, (_, i) => machineRow(i)),
    vmHosts: Array.from({ length: hosts }, (_, i) => vmHostRow(i + 1)),
    gpuScan: 'complete',
    hostLoss: { ok: true, failures: [] },
  };
}
