import {
  buildInventory,
  checkLiveSingleHostFailures,
  type InventoryMaasApi,
  type MaasListReadings,
  type MaasSiteReadings,
  otherProjectUsage,
  type ReadMaasOptions,
  readMaasGpus,
  readMaasLists,
  readMaasSite,
} from '@edgekit/edge-core';
import type { Machine, NodeDevice, VmHost } from '@edgekit/maas-client';
import type { HostLoss, Inventory, MachineRow, VmHostRow } from './model.js';

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
  return readMaasSite(maas, readOptions(signal));
}

/**
 * One read in two steps, for a first paint: `shown` gets the lists (what the Site screen needs) as soon
 * as they arrive, with the GPUs and the N-1 check still to come (`gpuScan: 'reading'`); the promise
 * resolves with the whole inventory, as loadInventory gives it.
 */
export async function loadInventoryInSteps(
  maas: InventoryMaasApi,
  shown: (lists: Inventory) => void,
  signal?: AbortSignal,
): Promise<Inventory> {
  const options = readOptions(signal);
  const lists = await readMaasLists(maas, options);
  shown(toListsInventory(lists));
  return toInventory(await readMaasGpus(maas, lists, options));
}

function readOptions(signal: AbortSignal | undefined): ReadMaasOptions {
  return { gpuScan: 'bare-metal', gpuScanLimit: GPU_SCAN_LIMIT, ...(signal === undefined ? {} : { signal }) };
}

/** The screens' view of one MAAS refresh. */
export function toInventory(readings: MaasSiteReadings): Inventory & { hostLoss: HostLoss } {
  return {
    ...rows(readings, readings.devices, readings.gpusComplete ? 'complete' : 'skipped'),
    // MAAS's own admission rule (the server's), as `edgekit plan` uses by default.
    hostLoss: checkLiveSingleHostFailures(buildInventory(readings), 'server'),
  };
}

/** The view of the lists alone: GPUs not read yet, N-1 not checked yet. */
function toListsInventory(lists: MaasListReadings): Inventory {
  return { ...rows(lists, new Map(), 'reading'), hostLoss: null };
}

function rows(
  readings: MaasListReadings,
  devices: MaasSiteReadings['devices'],
  gpuScan: Inventory['gpuScan'],
): Omit<Inventory, 'hostLoss'> {
  const hostNames = new Map(readings.vmHosts.map((host) => [host.id, host.name]));
  const machines = readings.machines.map((machine) =>
    machineRow(machine, devices.get(machine.system_id), gpuScan, hostNames),
  );
  return {
    maasVersion: readings.maasVersion,
    zones: readings.zones.map((zone) => zone.name),
    pools: readings.pools.map((pool) => pool.name),
    machines,
    vmHosts: readings.vmHosts.map((host) => vmHostRow(host, machines, readings)),
    gpuScan,
  };
}

function machineRow(
  machine: Machine,
  devices: readonly NodeDevice[] | undefined,
  gpuScan: Inventory['gpuScan'],
  hostNames: Map<number, string>,
): MachineRow {
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
    gpus: devices === undefined ? (gpuScan === 'complete' ? 0 : null) : devices.length,
    gpuDevices: (devices ?? []).map((device) => ({
      vendor: device.vendor_name,
      model: device.product_name,
      numaNode: device.numa_node,
      pciAddress: device.pci_address,
    })),
  };
}

function vmHostRow(host: VmHost, machines: readonly MachineRow[], readings: MaasListReadings): VmHostRow {
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
