import { mapBounded, type VirtualMachineRow } from '@edgekit/edge-core';
import {
  type MaasClient,
  MaasNotFoundError,
  type Machine,
  type NodeDevice,
  type ResourcePool,
  type Tag,
  type VmHost,
  type Zone,
} from '@edgekit/maas-client';

/** Everything the TUI reads from MAAS in one refresh, as the SDK parsed it. */
export interface MaasReadings {
  maasUrl: string;
  maasVersion: string;
  zones: readonly Zone[];
  pools: readonly ResourcePool[];
  tags: readonly Tag[];
  vmHosts: readonly VmHost[];
  machines: readonly Machine[];
  /** GPU devices per system id, for the bare-metal machines read (see GPU_SCAN_LIMIT). */
  gpus: ReadonlyMap<string, readonly NodeDevice[]>;
  /** Every VM of every host, other LXD projects included; undefined where MAAS has no `/virtual-machines/`. */
  virtualMachines: readonly VirtualMachineRow[] | undefined;
  /** false when the fleet was too large to ask every machine for its devices. */
  gpusComplete: boolean;
}

/** Above this many bare-metal machines the per-machine device reads would dominate a refresh. */
export const GPU_SCAN_LIMIT = 400;
const DEVICE_READ_CONCURRENCY = 8;

/** MAAS lists are not paginated, so a refresh is seven list calls plus one device list per machine. */
export async function readMaas(client: MaasClient, signal?: AbortSignal): Promise<MaasReadings> {
  const options = signal === undefined ? {} : { signal };
  const [version, zones, pools, tags, vmHosts, machines, virtualMachines] = await Promise.all([
    client.version.read(options),
    client.zones.list(options),
    client.resourcePools.list(options),
    client.tags.list(options),
    client.vmHosts.list(options),
    client.machines.list({}, options),
    // MAAS's hidden listing is the only place VMs of other LXD projects show (the UI rule needs them).
    client.vmHosts.virtualMachines(options).catch((error: unknown) => {
      if (error instanceof MaasNotFoundError) return undefined;
      throw error;
    }),
  ]);
  const bareMetal = machines.filter((m) => m.pod == null && m.virtualmachine_id == null);
  const scanned = bareMetal.length <= GPU_SCAN_LIMIT ? bareMetal : [];
  const gpus = new Map<string, readonly NodeDevice[]>();
  await mapBounded(scanned, DEVICE_READ_CONCURRENCY, async (machine) => {
    gpus.set(
      machine.system_id,
      await client.nodeDevices.list(machine.system_id, { hardware_type: 'gpu' }, options),
    );
  });
  return {
    maasUrl: client.url,
    maasVersion: version.version,
    zones,
    pools,
    tags,
    vmHosts,
    machines,
    virtualMachines,
    gpus,
    gpusComplete: scanned.length === bareMetal.length,
  };
}
