import type {
  Machine,
  NodeDevice,
  ResourcePool,
  Tag,
  VirtualMachine,
  VmHost,
  Zone,
} from '@edgekit/maas-client';
import { HardwareType } from '@edgekit/maas-client';
import {
  type BareMetalMachine,
  INVENTORY_SCHEMA_VERSION,
  type InventorySnapshot,
  InventorySnapshotSchema,
  type VmHostInventory,
} from './schema.js';

/** A row of MAAS's hidden `/virtual-machines/` listing: every VM of a host, other LXD projects included. */
export type VirtualMachineRow = Pick<
  VirtualMachine,
  'id' | 'identifier' | 'project' | 'pinned_cores' | 'unpinned_cores' | 'memory' | 'machine_id' | 'bmc_id'
>;

/** What the MAAS API answered, gathered once; `buildInventory` turns it into a snapshot with no I/O. */
export interface MaasReadings {
  maasUrl: string;
  maasVersion: string;
  zones: readonly Zone[];
  pools: readonly ResourcePool[];
  tags: readonly Tag[];
  vmHosts: readonly VmHost[];
  machines: readonly Machine[];
  /** Node devices per system id, for the machines whose GPUs were read (see readMaasSite). */
  devices: ReadonlyMap<string, readonly NodeDevice[]>;
  /** Absent when the server does not expose `/virtual-machines/`: other projects then count as zero. */
  virtualMachines?: readonly VirtualMachineRow[];
  takenAt?: Date;
}

const ref = (entity: { id: number; name: string }) => ({ id: entity.id, name: entity.name });

/** The MAAS URL without credentials or query: snapshots are shared, secrets must not ride along. */
export function publicUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  return parsed.toString();
}

/** `/virtual-machines/` rows of one host that belong to no MAAS machine: VMs of other LXD projects. */
function otherProjectVms(hostId: number, rows: readonly VirtualMachineRow[] | undefined) {
  return (rows ?? []).filter((row) => row.bmc_id === hostId && row.machine_id === null);
}

/**
 * What VMs outside the tracked LXD project use on one host: `/virtual-machines/` rows with no MAAS
 * machine. The UI's stricter rule subtracts it; the server's admission rule does not.
 */
export function otherProjectUsage(
  hostId: number,
  rows: readonly VirtualMachineRow[] | undefined,
): { cores: number; memoryMiB: number } {
  const others = otherProjectVms(hostId, rows);
  return {
    cores: others.reduce((sum, row) => sum + row.unpinned_cores + row.pinned_cores.length, 0),
    memoryMiB: others.reduce((sum, row) => sum + row.memory, 0),
  };
}

/**
 * MAAS machines composed on a VM host carry `pod`; VMs of other LXD projects exist only as
 * `/virtual-machines/` rows without a machine. The server's admission rule counts only the former
 * (`used`), the UI counts both, so both are kept apart here.
 */
function vmHostInventory(
  host: VmHost,
  machines: readonly Machine[],
  rows: readonly VirtualMachineRow[] | undefined,
): VmHostInventory {
  const hosted = machines.filter((machine) => machine.pod?.id === host.id);
  const others = otherProjectVms(host.id, rows);
  const defaultPool = host.storage_pools.find((pool) => pool.default);
  return {
    id: host.id,
    name: host.name,
    type: host.type,
    zone: ref(host.zone),
    pool: ref(host.pool),
    tags: [...host.tags],
    capabilities: [...host.capabilities],
    cpuOverCommitRatio: host.cpu_over_commit_ratio,
    memoryOverCommitRatio: host.memory_over_commit_ratio,
    total: { cores: host.total.cores, memoryMiB: host.total.memory, storageBytes: host.total.local_storage },
    used: { cores: host.used.cores, memoryMiB: host.used.memory, storageBytes: host.used.local_storage },
    usedByOtherProjects: otherProjectUsage(host.id, others),
    storagePools: host.storage_pools.map((pool) => ({
      id: pool.id,
      name: pool.name,
      type: pool.type,
      totalBytes: pool.total,
      usedBytes: pool.used,
      availableBytes: pool.available,
      default: pool.default,
    })),
    defaultStoragePoolId: defaultPool?.id ?? null,
    vms: [
      ...hosted.map((machine) => ({
        systemId: machine.system_id,
        hostname: machine.hostname,
        cores: machine.cpu_count,
        memoryMiB: machine.memory,
        tags: [...machine.tag_names],
        otherProject: false,
      })),
      ...others.map((row) => ({
        systemId: null,
        hostname: row.identifier,
        cores: row.unpinned_cores + row.pinned_cores.length,
        memoryMiB: row.memory,
        tags: [],
        otherProject: true,
      })),
    ],
  };
}

/** The GPUs among a machine's node devices, as MAAS describes them. */
export function gpusOf(devices: readonly NodeDevice[]) {
  return devices
    .filter((device) => device.hardware_type === HardwareType.GPU)
    .map((device) => ({
      vendorId: device.vendor_id,
      productId: device.product_id,
      vendorName: device.vendor_name,
      productName: device.product_name,
      pciAddress: device.pci_address,
      numaNode: device.numa_node ?? 0,
    }));
}

function bareMetal(
  machine: Machine,
  devices: readonly NodeDevice[],
  vmHosts: readonly VmHost[],
): BareMetalMachine {
  const hostOf = vmHosts.find((host) => host.host?.system_id === machine.system_id);
  return {
    systemId: machine.system_id,
    hostname: machine.hostname,
    zone: ref(machine.zone),
    pool: machine.pool == null ? { id: 0, name: 'default' } : ref(machine.pool),
    status: machine.status_name,
    owner: machine.owner ?? null,
    cpuCount: machine.cpu_count,
    memoryMiB: machine.memory,
    storageMB: machine.storage,
    tags: [...machine.tag_names],
    gpus: gpusOf(devices).map((gpu) => ({ ...gpu, pciAddress: gpu.pciAddress ?? '' })),
    vmHostId: hostOf?.id ?? null,
  };
}

/** Bare-metal machines are every machine not composed on a VM host (VMs are listed under their host). */
export function isBareMetal(machine: Machine): boolean {
  return machine.pod == null && machine.virtualmachine_id == null;
}

export function buildInventory(readings: MaasReadings): InventorySnapshot {
  return InventorySnapshotSchema.parse({
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    takenAt: (readings.takenAt ?? new Date()).toISOString(),
    source: { maasUrl: publicUrl(readings.maasUrl), maasVersion: readings.maasVersion },
    zones: readings.zones.map(ref),
    pools: readings.pools.map(ref),
    tags: readings.tags.map((tag) => tag.name),
    vmHosts: readings.vmHosts.map((host) =>
      vmHostInventory(host, readings.machines, readings.virtualMachines),
    ),
    machines: readings.machines
      .filter(isBareMetal)
      .map((machine) => bareMetal(machine, readings.devices.get(machine.system_id) ?? [], readings.vmHosts)),
  });
}
