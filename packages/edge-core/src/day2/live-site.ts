import type { Machine } from '@edgekit/maas-client';
import type { StatusView } from '../apply/juju-api.js';
import type { InventorySnapshot, Ref } from '../inventory/schema.js';
import { takeInventory } from '../inventory/take.js';
import type { Day2Juju, Day2Maas } from './clients.js';

const ROLE_TAG_PREFIX = 'edgekit-role-';

/** A Juju machine that is a VM on a MAAS VM host, with what runs on it. */
export interface LiveVm {
  machine: string;
  systemId: string;
  hostname: string;
  vmHost: { id: number; name: string; zone: Ref; pool: Ref };
  /** The edgekit role (from its `edgekit-role-*` tag), or the hostname for a VM edgekit did not make. */
  role: string;
  /** Its `edgekit-*` MAAS tags, which a replacement carries too. */
  tags: string[];
  cores: number;
  memoryMiB: number;
  /** Whole GB per disk, root first (MAAS compose's unit). */
  diskGB: number[];
  /** Principal units (subordinates follow their principal). */
  units: { application: string; unit: string }[];
  /** Machine agent status: `started`, or `down` once Juju's instance poller lost it. */
  agent: string;
}

export interface LiveSite {
  inventory: InventorySnapshot;
  machines: Machine[];
  status: StatusView;
  vms: LiveVm[];
}

function disksOf(machine: Machine): number[] {
  const devices = machine.physicalblockdevice_set ?? machine.blockdevice_set ?? [];
  const sizes = devices.map((device) => Math.ceil(Number(device.size) / 1e9)).filter((gb) => gb > 0);
  return sizes.length > 0 ? sizes : [Math.max(8, Math.ceil(machine.storage / 1000))];
}

/** MAAS and Juju read together: each Juju machine that is a VM, matched to its MAAS node by instance id. */
export async function readLiveSite(maas: Day2Maas, juju: Day2Juju): Promise<LiveSite> {
  const [inventory, machines, status] = await Promise.all([
    takeInventory(maas, { otherProjects: false }),
    maas.machines.list(),
    juju.fullStatus(),
  ]);
  const bySystemId = new Map(machines.map((machine) => [machine.system_id, machine]));
  const hosts = new Map(inventory.vmHosts.map((host) => [host.id, host]));
  const vms: LiveVm[] = [];
  for (const jujuMachine of Object.values(status.machines)) {
    const node = bySystemId.get(jujuMachine['instance-id']);
    const host = node?.pod == null ? undefined : hosts.get(node.pod.id);
    if (node === undefined || host === undefined) continue;
    const roleTag = node.tag_names.find((tag) => tag.startsWith(ROLE_TAG_PREFIX));
    const units = Object.entries(status.applications).flatMap(([application, app]) =>
      Object.entries(app.units ?? {})
        .filter(([, unit]) => unit.machine === jujuMachine.id)
        .map(([unit]) => ({ application, unit })),
    );
    vms.push({
      machine: jujuMachine.id,
      systemId: node.system_id,
      hostname: node.hostname,
      vmHost: { id: host.id, name: host.name, zone: host.zone, pool: host.pool },
      role: roleTag === undefined ? node.hostname : roleTag.slice(ROLE_TAG_PREFIX.length),
      tags: node.tag_names.filter((tag) => tag.startsWith('edgekit-')),
      cores: node.cpu_count,
      memoryMiB: node.memory,
      diskGB: disksOf(node),
      units,
      agent: jujuMachine['agent-status'].status,
    });
  }
  return { inventory, machines, status, vms };
}
