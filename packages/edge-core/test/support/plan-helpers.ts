import { readFileSync } from 'node:fs';
import { fixturePath } from '@edgekit/fixtures';
import type { Assignment, InventorySnapshot, VmHostInventory, WorkloadInput } from '../../src/index.js';
import { workloadFromBundle } from '../../src/index.js';

export function ckBundleTexts(): string[] {
  return [readFileSync(fixturePath('juju', 'bundles', 'charmed-kubernetes-1.35.bundle.yaml'), 'utf8')];
}

/** The CK 1.35 bundle regrouped as the HA edge topology: 3 control-plane+etcd VMs across zones. */
export function haEdgeWorkload(workers = 2): WorkloadInput {
  return workloadFromBundle(ckBundleTexts(), {
    name: 'ck-ha-edge',
    colocate: [['kubernetes-control-plane', 'etcd']],
    counts: { 'kubernetes-control-plane': 3, 'kubernetes-worker': workers },
    roles: { 'kubernetes-control-plane': { antiAffinity: { scope: 'zone', maxPerDomain: 1 } } },
  });
}

function vmHost(
  id: number,
  name: string,
  zoneId: number,
  zone: string,
  cores: number,
  memoryMiB: number,
): VmHostInventory {
  return {
    id,
    name,
    type: 'lxd',
    zone: { id: zoneId, name: zone },
    pool: { id: 0, name: 'default' },
    tags: ['pod-console-logging'],
    capabilities: ['composable', 'dynamic_local_storage', 'over_commit', 'storage_pools'],
    cpuOverCommitRatio: 1,
    memoryOverCommitRatio: 1,
    total: { cores, memoryMiB, storageBytes: 500e9 },
    used: { cores: 0, memoryMiB: 0, storageBytes: 0 },
    usedByOtherProjects: { cores: 2, memoryMiB: 4096 },
    storagePools: [
      {
        id: `pool-${id}`,
        name: 'default',
        type: 'zfs',
        totalBytes: 500e9,
        usedBytes: 0,
        availableBytes: 500e9,
        default: true,
      },
    ],
    defaultStoragePoolId: `pool-${id}`,
    vms: [],
  };
}

/** A hand-written inventory shaped like the simulator's demo site, for the pure tests. */
export function demoInventory(): InventorySnapshot {
  const zones = [
    { id: 1, name: 'edge-a' },
    { id: 2, name: 'edge-b' },
    { id: 3, name: 'edge-c' },
  ];
  const hosts: VmHostInventory[] = [];
  zones.forEach((zone, z) => {
    const letter = zone.name.slice(-1);
    hosts.push(vmHost(z * 2 + 1, `kvm-${letter}1`, zone.id, zone.name, 16, 65536));
    hosts.push(vmHost(z * 2 + 2, `kvm-${letter}2`, zone.id, zone.name, 16, 65536));
  });
  return {
    schemaVersion: 1,
    takenAt: '2026-11-25T12:00:00.000Z',
    source: { maasUrl: 'http://127.0.0.1:5240/MAAS/', maasVersion: '3.7.3' },
    zones,
    pools: [{ id: 0, name: 'default' }],
    tags: ['pod-console-logging'],
    vmHosts: hosts,
    machines: [
      {
        systemId: 'gpuc01',
        hostname: 'gpu-c1',
        zone: { id: 3, name: 'edge-c' },
        pool: { id: 0, name: 'default' },
        status: 'Ready',
        owner: null,
        cpuCount: 32,
        memoryMiB: 131072,
        storageMB: 960000,
        tags: ['gpu'],
        gpus: [
          {
            vendorId: '10de',
            productId: '20b5',
            vendorName: 'NVIDIA Corporation',
            productName: 'GA100 [A100 PCIe 80GB]',
            pciAddress: '0000:41:00.0',
          },
          {
            vendorId: '10de',
            productId: '20b5',
            vendorName: 'NVIDIA Corporation',
            productName: 'GA100 [A100 PCIe 80GB]',
            pciAddress: '0000:81:00.0',
          },
        ],
        vmHostId: null,
      },
    ],
  };
}

/** A spread placement written by hand: role machine i goes to host (offset + i) mod 6. */
export function roundRobin(workload: WorkloadInput, inventory: InventorySnapshot): Assignment[] {
  const assignments: Assignment[] = [];
  let offset = 0;
  for (const [role, spec] of Object.entries(workload.roles)) {
    for (let index = 0; index < spec.count; index += 1) {
      if (spec.kind === 'bare-metal') {
        const machine = inventory.machines[index];
        if (machine !== undefined) assignments.push({ role, index, machine: machine.systemId });
        continue;
      }
      // Step by 2 so consecutive machines of a role land in different zones (hosts are 2 per zone).
      const host =
        inventory.vmHosts[(offset + index * 2 + Math.floor((index * 2) / 6)) % inventory.vmHosts.length];
      if (host !== undefined) assignments.push({ role, index, vmHost: host.name });
    }
    offset += 1;
  }
  return assignments;
}
