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
import { buildInventory, isBareMetal, type VirtualMachineRow } from './from-maas.js';
import type { InventorySnapshot } from './schema.js';

/** The reads inventory needs; `@edgekit/maas-client`'s MaasClient satisfies it. */
export interface InventoryMaasApi {
  url: string;
  version: { read(): Promise<{ version: string }> };
  zones: { list(): Promise<Zone[]> };
  resourcePools: { list(): Promise<ResourcePool[]> };
  tags: { list(): Promise<Tag[]> };
  vmHosts: { list(): Promise<VmHost[]>; virtualMachines(): Promise<VirtualMachineRow[]> };
  machines: { list(): Promise<Machine[]> };
  nodeDevices: { list(systemId: string, filters?: { hardware_type?: 'gpu' }): Promise<NodeDevice[]> };
}

export interface TakeInventoryOptions {
  /**
   * Read `/virtual-machines/` (VMs of every LXD project) so the UI's stricter rule can count other
   * projects (default true). A MAAS without it (before 3.0: 404) leaves other projects at zero.
   */
  otherProjects?: boolean;
  /** Node-device reads in flight at once. */
  concurrency?: number;
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
    const [version, zones, pools, tags, vmHosts, machines, virtualMachines] = await Promise.all([
      maas.version.read(),
      maas.zones.list(),
      maas.resourcePools.list(),
      maas.tags.list(),
      maas.vmHosts.list(),
      maas.machines.list(),
      options.otherProjects === false
        ? undefined
        : maas.vmHosts.virtualMachines().catch((error: unknown) => {
            if (error instanceof MaasNotFoundError) return undefined;
            throw error;
          }),
    ]);
    const hostSystemIds = new Set(vmHosts.map((host) => host.host?.system_id));
    const candidates = machines.filter(
      (machine) =>
        isBareMetal(machine) &&
        machine.status_name === 'Ready' &&
        !machine.owner &&
        !hostSystemIds.has(machine.system_id),
    );
    const devices = new Map<string, NodeDevice[]>();
    await mapBounded(candidates, options.concurrency ?? 8, async (machine) => {
      devices.set(
        machine.system_id,
        await maas.nodeDevices.list(machine.system_id, { hardware_type: 'gpu' }),
      );
    });
    return buildInventory({
      maasUrl: maas.url,
      maasVersion: version.version,
      zones,
      pools,
      tags,
      vmHosts,
      machines,
      devices,
      ...(virtualMachines === undefined ? {} : { virtualMachines }),
    });
  } catch (cause) {
    if (cause instanceof InventoryError) throw cause;
    throw new InventoryError(`could not read the inventory from ${maas.url}: ${(cause as Error).message}`, {
      cause,
    });
  }
}
