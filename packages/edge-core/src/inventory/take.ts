import {
  MaasNotFoundError,
  type Machine,
  type NodeDevice,
  type ResourcePool,
  type Tag,
  type VmHost,
  type Zone,
} from '@edgekit/maas-client';
import { mapBounded } from '../apply/parallel.js';
import { InventoryError } from '../plan/errors.js';
import { buildInventory, isBareMetal, type MaasReadings, type VirtualMachineRow } from './from-maas.js';
import type { InventorySnapshot } from './schema.js';

/** Per-call options every read takes (the SDK's request options; only the signal is used here). */
type ReadOptions = { signal?: AbortSignal };

/** The reads inventory needs; `@edgekit/maas-client`'s MaasClient satisfies it. */
export interface InventoryMaasApi {
  url: string;
  version: { read(options?: ReadOptions): Promise<{ version: string }> };
  zones: { list(options?: ReadOptions): Promise<Zone[]> };
  resourcePools: { list(options?: ReadOptions): Promise<ResourcePool[]> };
  tags: { list(options?: ReadOptions): Promise<Tag[]> };
  vmHosts: {
    list(options?: ReadOptions): Promise<VmHost[]>;
    virtualMachines(options?: ReadOptions): Promise<VirtualMachineRow[]>;
  };
  machines: { list(filters?: Record<string, never>, options?: ReadOptions): Promise<Machine[]> };
  nodeDevices: {
    list(systemId: string, filters?: { hardware_type?: 'gpu' }, options?: ReadOptions): Promise<NodeDevice[]>;
  };
}

export interface TakeInventoryOptions {
  /**
   * Read `/virtual-machines/` (VMs of every LXD project) so the UI's stricter rule can count other
   * projects (default true). A MAAS without it (before 3.0: 404) leaves other projects at zero.
   */
  otherProjects?: boolean;
  /** Node-device reads in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface ReadMaasOptions extends TakeInventoryOptions {
  /**
   * Whose GPUs to read (one node-device call per machine): `candidates`, the machines a workload could
   * take (Ready, unowned, not a VM host), as planning needs; or `bare-metal`, every bare-metal machine,
   * as a fleet view shows them, up to `gpuScanLimit` machines.
   */
  gpuScan?: 'candidates' | 'bare-metal';
  /** Above this many machines to scan, skip the scan (`gpusComplete: false`); default unlimited. */
  gpuScanLimit?: number;
}

/** The seven lists of one MAAS read, before any machine's GPUs are read (see readMaasLists). */
export type MaasListReadings = Omit<MaasReadings, 'devices'>;

/** One refresh of a MAAS: the readings, and whether every scanned machine's GPUs were read. */
export interface MaasSiteReadings extends MaasReadings {
  gpusComplete: boolean;
}

/**
 * Reads everything an inventory is built from: seven list calls (MAAS lists are not paginated), plus
 * one node-device list per machine whose GPUs are asked for. No interpretation here: see buildInventory.
 */
export async function readMaasSite(
  maas: InventoryMaasApi,
  options: ReadMaasOptions = {},
): Promise<MaasSiteReadings> {
  return readMaasGpus(maas, await readMaasLists(maas, options), options);
}

/**
 * The seven list calls of a read, in parallel. A screen can show these while the GPU reads, one call
 * per machine, still run (readMaasGpus).
 */
export async function readMaasLists(
  maas: InventoryMaasApi,
  options: TakeInventoryOptions = {},
): Promise<MaasListReadings> {
  const request = requestOptions(options);
  const [version, zones, pools, tags, vmHosts, machines, virtualMachines] = await Promise.all([
    maas.version.read(request),
    maas.zones.list(request),
    maas.resourcePools.list(request),
    maas.tags.list(request),
    maas.vmHosts.list(request),
    maas.machines.list({}, request),
    // MAAS's hidden listing is the only place VMs of other LXD projects show (the UI rule needs them).
    options.otherProjects === false
      ? undefined
      : maas.vmHosts.virtualMachines(request).catch((error: unknown) => {
          if (error instanceof MaasNotFoundError) return undefined;
          throw error;
        }),
  ]);
  return {
    maasUrl: maas.url,
    maasVersion: version.version,
    zones,
    pools,
    tags,
    vmHosts,
    machines,
    ...(virtualMachines === undefined ? {} : { virtualMachines }),
  };
}

/** The GPUs of the machines `options.gpuScan` names, read onto lists already taken (readMaasLists). */
export async function readMaasGpus(
  maas: InventoryMaasApi,
  lists: MaasListReadings,
  options: ReadMaasOptions = {},
): Promise<MaasSiteReadings> {
  const request = requestOptions(options);
  const hostSystemIds = new Set(lists.vmHosts.map((host) => host.host?.system_id));
  const wanted = lists.machines.filter(
    (machine) =>
      isBareMetal(machine) &&
      (options.gpuScan === 'bare-metal' ||
        (machine.status_name === 'Ready' && !machine.owner && !hostSystemIds.has(machine.system_id))),
  );
  const scanned = wanted.length <= (options.gpuScanLimit ?? Number.POSITIVE_INFINITY) ? wanted : [];
  const devices = new Map<string, NodeDevice[]>();
  await mapBounded(scanned, options.concurrency ?? 8, async (machine) => {
    devices.set(
      machine.system_id,
      await maas.nodeDevices.list(machine.system_id, { hardware_type: 'gpu' }, request),
    );
  });
  return { ...lists, devices, gpusComplete: scanned.length === wanted.length };
}

function requestOptions(options: TakeInventoryOptions): ReadOptions {
  return options.signal === undefined ? {} : { signal: options.signal };
}

/**
 * Reads a live MAAS into an inventory snapshot: VM hosts with totals, used resources, ratios and
 * storage pools; zones, pools and tags; bare-metal machines with their GPUs (from node devices, read
 * only for machines a workload could take: Ready, unowned, not a VM host); the VMs already running.
 */
export async function takeInventory(
  maas: InventoryMaasApi,
  options: TakeInventoryOptions = {},
): Promise<InventorySnapshot> {
  try {
    return buildInventory(await readMaasSite(maas, options));
  } catch (cause) {
    if (cause instanceof InventoryError) throw cause;
    throw new InventoryError(`could not read the inventory from ${maas.url}: ${(cause as Error).message}`, {
      cause,
    });
  }
}
