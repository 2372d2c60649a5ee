import type { Machine, VmHost } from '@edgekit/maas-client';
import * as z from 'zod';
import { gpusOf } from '../inventory/from-maas.js';
import type { MaasSiteReadings } from '../inventory/take.js';
import type { SiteMachine, SiteSnapshot, SiteVmHost } from './schema.js';

type MaasPart = SiteSnapshot['maas'];
type Subnet = MaasPart['subnets'][number];

/** What MAAS nests in an interface link's `subnet` beyond the SDK's `{ id, cidr }` (MAAS 2.9-3.7 all send it). */
const LinkedSubnetSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  cidr: z.string(),
  gateway_ip: z.string().nullable().optional(),
  vlan: z.looseObject({
    id: z.number(),
    vid: z.number(),
    name: z.string(),
    mtu: z.number(),
    fabric_id: z.number(),
    fabric: z.string(),
    space: z.string().nullable().optional(),
  }),
});

/** MAAS names "no space" `undefined` (the string) on the wire. */
const spaceName = (space: string | null | undefined): string | null =>
  space === undefined || space === null || space === 'undefined' ? null : space;

function subnetsOf(machine: Machine, into: Map<number, Subnet>): void {
  for (const nic of machine.interface_set ?? []) {
    for (const link of nic.links) {
      const parsed = LinkedSubnetSchema.safeParse(link.subnet);
      if (!parsed.success || into.has(parsed.data.id)) continue;
      const subnet = parsed.data;
      into.set(subnet.id, {
        id: subnet.id,
        name: subnet.name,
        cidr: subnet.cidr,
        gatewayIp: subnet.gateway_ip ?? null,
        vlan: {
          id: subnet.vlan.id,
          vid: subnet.vlan.vid,
          name: subnet.vlan.name,
          mtu: subnet.vlan.mtu,
          fabricId: subnet.vlan.fabric_id,
          fabric: subnet.vlan.fabric,
          space: spaceName(subnet.vlan.space),
        },
      });
    }
  }
}

function siteMachine(machine: Machine, readings: MaasSiteReadings): SiteMachine {
  return {
    systemId: machine.system_id,
    hostname: machine.hostname,
    status: machine.status_name,
    powerState: machine.power_state,
    powerType: machine.power_type,
    architecture: machine.architecture ?? 'amd64/generic',
    cpuCount: machine.cpu_count,
    memoryMiB: machine.memory,
    numaNodes: machine.numanode_set?.length ?? 1,
    zone: machine.zone.name,
    pool: machine.pool?.name ?? null,
    tags: [...machine.tag_names],
    owner: machine.owner ?? null,
    osystem: machine.osystem,
    distroSeries: machine.distro_series,
    vmHostId: machine.pod?.id ?? null,
    storage: (machine.physicalblockdevice_set ?? machine.blockdevice_set ?? []).map((disk) => ({
      name: disk.name,
      sizeBytes: disk.size,
      model: disk.model ?? null,
    })),
    interfaces: (machine.interface_set ?? []).map((nic) => {
      const link = nic.links[0];
      return {
        name: nic.name,
        mac: nic.mac_address,
        subnetId: link?.subnet?.id ?? null,
        ip: link?.ip_address ?? null,
        linkSpeed: nic.link_speed ?? 0,
      };
    }),
    gpus: gpusOf(readings.devices.get(machine.system_id) ?? []),
  };
}

function siteVmHost(host: VmHost, readings: MaasSiteReadings): SiteVmHost {
  const rows = (readings.virtualMachines ?? []).filter((row) => row.bmc_id === host.id);
  const machineOfRow = new Map(
    readings.machines
      .filter((machine) => machine.virtualmachine_id != null)
      .map((machine) => [machine.virtualmachine_id, machine]),
  );
  // The tracked project is the one whose VMs are MAAS machines; LXD hosts default to `maas`.
  const tracked = rows.find((row) => row.machine_id !== null)?.project ?? 'maas';
  const vmsFromRows = rows.map((row) => ({
    identifier: row.identifier,
    project: row.project,
    systemId: machineOfRow.get(row.id)?.system_id ?? null,
    unpinnedCores: row.unpinned_cores,
    pinnedCores: [...row.pinned_cores],
    memoryMiB: row.memory,
  }));
  // Without `/virtual-machines/` (MAAS 2.9) the host's machines are all there is to list.
  const vms =
    readings.virtualMachines !== undefined
      ? vmsFromRows
      : readings.machines
          .filter((machine) => machine.pod?.id === host.id)
          .map((machine) => ({
            identifier: machine.hostname,
            project: tracked,
            systemId: machine.system_id,
            unpinnedCores: machine.cpu_count,
            pinnedCores: [],
            memoryMiB: machine.memory,
          }));
  return {
    id: host.id,
    name: host.name,
    type: host.type === 'virsh' ? 'virsh' : 'lxd',
    version: host.version ?? null,
    hostSystemId: host.host?.system_id ?? null,
    zone: host.zone.name,
    pool: host.pool.name,
    tags: [...host.tags],
    cores: host.total.cores,
    memoryMiB: host.total.memory,
    cpuOverCommitRatio: host.cpu_over_commit_ratio,
    memoryOverCommitRatio: host.memory_over_commit_ratio,
    project: tracked,
    storagePools: host.storage_pools.map((pool) => ({
      id: pool.id,
      name: pool.name,
      type: pool.type,
      path: pool.path,
      totalBytes: pool.total,
      default: pool.default,
    })),
    used: { cores: host.used.cores, memoryMiB: host.used.memory, storageBytes: host.used.local_storage },
    vms,
  };
}

/** The MAAS part of a site snapshot, from one round of reads (no I/O here). */
export function maasPart(readings: MaasSiteReadings): MaasPart {
  const subnets = new Map<number, Subnet>();
  for (const machine of readings.machines) subnetsOf(machine, subnets);
  return {
    version: readings.maasVersion,
    zones: readings.zones.map((zone) => ({ id: zone.id, name: zone.name, description: zone.description })),
    pools: readings.pools.map((pool) => ({ id: pool.id, name: pool.name, description: pool.description })),
    tags: readings.tags.map((tag) => ({
      name: tag.name,
      comment: tag.comment,
      definition: tag.definition,
      kernelOpts: tag.kernel_opts ?? '',
    })),
    subnets: [...subnets.values()].sort((a, b) => a.id - b.id),
    machines: readings.machines.map((machine) => siteMachine(machine, readings)),
    vmHosts: readings.vmHosts.map((host) => siteVmHost(host, readings)),
  };
}
