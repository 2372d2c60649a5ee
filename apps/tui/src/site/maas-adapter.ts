import {
  buildInventory,
  checkLiveSingleHostFailures,
  type InventoryMaasApi,
  type MaasSiteReadings,
  otherProjectUsage,
  readMaasSite,
} from '@edgekit/edge-core';
import type { Machine, VmHost } from '@edgekit/maas-client';
import type { Inventory, MachineRow, VmHostRow } from './model.js';

/** Above this many bare-metal machines the per-machine GPU reads would dominate a refresh. */
export const GPU_SCAN_LIMIT = 400;

/**
 * One refresh of the screens: edge-core's MAAS reads, with the GPUs of every bare-metal machine (the
 * fleet view shows them all, not only the ones a plan could take) up to GPU_SCAN_LIMIT.
 */
export async function loadInventory(maas: InventoryMaasApi, signal?: AbortSignal): Promise<Inventory> {
  return toInventory(await readSite(maas, signal));
}

/** One read of the site, for callers that need both the screens' view and edge-core's snapshot. */
export function readSite(maas: InventoryMaasApi, signal?: AbortSignal): Promise<MaasSiteReadings> {
  return readMaasSite(maas, {
    gpuScan: 'bare-metal',
    gpuScanLimit: GPU_SCAN_LIMIT,
    ...(signal === undefined ? {} : { signal }),
  });
}

/** The screens' view of one MAAS refresh. */
export function toInventory(readings: MaasSiteReadings): Inventory {
  const hostNames = new Map(readings.vmHosts.map((host) => [host.id, host.name]));
  const machines = readings.machines.map((machine) => machineRow(machine, readings, hostNames));
  return {
    maasVersion: readings.maasVersion,
    zones: readings.zones.map((zone) => zone.name),
    pools: readings.pools.map((pool) => pool.name),
    machines,
    vmHosts: readings.vmHosts.map((host) => vmHostRow(host, machines, readings)),
    // MAAS's own admission rule (the server's), as `edgekit plan` uses by default.
    hostLoss: checkLiveSingleHostFailures(buildInventory(readings), 'server'),
  };
}

function machineRow(
  machine: Machine,
  readings: MaasSiteReadings,
  hostNames: Map<number, string>,
): MachineRow {
  const devices = readings.devices.get(machine.system_id);
  return {
    systemId: machine.system_id,
    hostname: machine.hostname,
    status: machine.status_name,
    zone: machine.zone.name,
    pool: machine.pool?.name ?? 'default',
    cpuCount: machine.cpu_count,
    memoryMiB: machine.memory,
    storageMB: machine.storage,
    tags: machine.tag_names,
    powerState: machine.power_state,
    owner: machine.owner ?? null,
    architecture: machine.architecture ?? '',
    osystem: machine.osystem,
    distroSeries: machine.distro_series,
    ipAddresses: machine.ip_addresses,
    vmHost: machine.pod == null ? null : (hostNames.get(machine.pod.id) ?? `#${machine.pod.id}`),
    gpus: devices === undefined ? (readings.gpusComplete ? 0 : null) : devices.length,
    gpuDevices: (devices ?? []).map((device) => ({
      vendor: device.vendor_name,
      model: device.product_name,
      numaNode: device.numa_node,
      pciAddress: device.pci_address,
    })),
  };
}

function vmHostRow(host: VmHost, machines: readonly MachineRow[], readings: MaasSiteReadings): VmHostRow {
  return {
    id: host.id,
    name: host.name,
    type: host.type,
    zone: host.zone.name,
    pool: host.pool.name,
    tags: host.tags,
    cpuOverCommitRatio: host.cpu_over_commit_ratio,
    memoryOverCommitRatio: host.memory_over_commit_ratio,
    total: { cores: host.total.cores, memoryMiB: host.total.memory, storageBytes: host.total.local_storage },
    used: { cores: host.used.cores, memoryMiB: host.used.memory, storageBytes: host.used.local_storage },
    usedOther: otherProjectUsage(host.id, readings.virtualMachines),
    storagePools: host.storage_pools.map((pool) => ({
      name: pool.name,
      type: pool.type,
      totalBytes: pool.total,
      usedBytes: pool.used,
      availableBytes: pool.available,
      isDefault: pool.default,
    })),
    vms: machines
      .filter((machine) => machine.vmHost === host.name)
      .map((machine) => ({
        systemId: machine.systemId,
        hostname: machine.hostname,
        status: machine.status,
        cores: machine.cpuCount,
        memoryMiB: machine.memoryMiB,
      })),
  };
}
