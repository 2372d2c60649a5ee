import type { SimClock } from '../clock.js';
import { buildMachine, nextFreeIp } from '../domain/machine-factory.js';
import { NodeStatus, statusName } from '../domain/status.js';
import { hostUsed } from '../domain/vmhost-resources.js';
import type { Rng } from '../rng.js';
import type { MachineRec, VmHostRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import { MAAS_VERSIONS, type MaasVersion, VERSION_STRINGS } from '../version.js';
import { newState } from './base.js';
import { snapshotFail as fail } from './snapshot-fields.js';
import type { SnapshotMaas, SnapshotMachine, SnapshotVmHost } from './snapshot-reader.js';

/** `Deployed` -> 6, from the simulator's own table of MAAS statuses. */
const STATUS_BY_NAME = new Map(Object.values(NodeStatus).map((code) => [statusName(code), code] as const));

function addNetworks(state: SimState, maas: SnapshotMaas): void {
  const spaces = new Map<string, number>();
  for (const subnet of maas.subnets) {
    const { vlan } = subnet;
    if (!state.data.fabrics.some((f) => f.id === vlan.fabricId))
      state.data.fabrics.push({ id: vlan.fabricId, name: vlan.fabric, classType: null });
    let spaceId: number | null = null;
    if (vlan.space !== null) {
      spaceId = spaces.get(vlan.space) ?? spaces.size + 1;
      if (!spaces.has(vlan.space)) {
        spaces.set(vlan.space, spaceId);
        state.data.spaces.push({ id: spaceId, name: vlan.space, description: '' });
      }
    }
    const existing = state.data.vlans.find((v) => v.id === vlan.id);
    if (existing) existing.spaceId = spaceId;
    else
      state.data.vlans.push({
        id: vlan.id,
        vid: vlan.vid,
        name: vlan.name,
        fabricId: vlan.fabricId,
        mtu: vlan.mtu,
        dhcpOn: true,
        spaceId,
        primaryRack: 'rackc1',
        secondaryRack: null,
      });
    state.data.subnets.push({
      id: subnet.id,
      name: subnet.name,
      description: '',
      cidr: subnet.cidr,
      vlanId: vlan.id,
      gatewayIp: subnet.gatewayIp,
      dnsServers: [],
      managed: true,
      reservedCount: 20,
    });
  }
}

function addMachine(state: SimState, spec: SnapshotMachine, path: string, ids: Lookups): MachineRec {
  const zoneId = ids.zones.get(spec.zone) ?? fail(`${path}.zone`, `unknown zone "${spec.zone}"`);
  const poolId =
    spec.pool === null
      ? 0
      : (ids.pools.get(spec.pool) ?? fail(`${path}.pool`, `unknown pool "${spec.pool}"`));
  const status =
    STATUS_BY_NAME.get(spec.status) ?? fail(`${path}.status`, `unknown MAAS status "${spec.status}"`);
  if (spec.vmHostId !== null && !ids.hosts.has(spec.vmHostId))
    fail(`${path}.vmHostId`, `VM on unknown VM host ${spec.vmHostId}`);
  if (ids.systemIds.has(spec.systemId)) fail(`${path}.systemId`, `system id ${spec.systemId} appears twice`);
  ids.systemIds.add(spec.systemId);
  spec.interfaces.forEach((nic, n) => {
    if (nic.subnetId !== null && state.subnet(nic.subnetId) === undefined)
      fail(`${path}.interfaces[${n}].subnetId`, `unknown subnet ${nic.subnetId}`);
  });
  // The factory fills what a snapshot does not carry (ids, serials, results); the rest is the site's own.
  const machine = buildMachine(state, {
    hostname: spec.hostname,
    zoneId,
    poolId,
    cpuCount: spec.cpuCount,
    memory: spec.memoryMiB,
    disks: spec.storage.map((disk) => disk.sizeBytes),
    subnetId: null,
    status,
    owner: spec.owner,
    powerType: spec.powerType,
    tags: spec.tags,
    podId: spec.vmHostId,
    architecture: spec.architecture,
    numaNodes: spec.numaNodes,
    devices: spec.gpus.map((gpu) => ({
      bus: 1,
      hardwareType: 5,
      numaNode: gpu.numaNode,
      vendorId: gpu.vendorId,
      productId: gpu.productId,
      vendorName: gpu.vendorName,
      productName: gpu.productName,
      commissioningDriver: gpu.vendorId === '10de' ? 'nvidia' : '',
      busNumber: Number.parseInt(gpu.pciAddress?.split(':')[1] ?? '0', 16) || 0,
      deviceNumber: 0,
      pciAddress: gpu.pciAddress,
    })),
  });
  machine.systemId = spec.systemId;
  machine.powerState =
    spec.powerState === 'on' || spec.powerState === 'off' || spec.powerState === 'error'
      ? spec.powerState
      : 'unknown';
  machine.osystem = spec.osystem;
  machine.distroSeries = spec.distroSeries;
  machine.blockDevices.forEach((disk, i) => {
    const captured = spec.storage[i];
    if (captured === undefined) return;
    disk.name = captured.name;
    disk.model = captured.model ?? '';
  });
  machine.interfaces = spec.interfaces.map((nic) => ({
    id: state.nextId('interface'),
    name: nic.name,
    mac: nic.mac ?? '',
    vlanId: state.subnet(nic.subnetId)?.vlanId ?? state.data.vlans[0]?.id ?? 0,
    subnetId: nic.subnetId,
    ip: nic.ip,
    linkId: state.nextId('link'),
    linkSpeed: nic.linkSpeed,
  }));
  state.data.machines.push(machine);
  return machine;
}

interface Lookups {
  zones: Map<string, number>;
  pools: Map<string, number>;
  hosts: Set<number>;
  systemIds: Set<string>;
}

function addVmHost(
  state: SimState,
  spec: SnapshotVmHost,
  path: string,
  ids: Lookups,
  version: MaasVersion,
): void {
  const zoneId = ids.zones.get(spec.zone) ?? fail(`${path}.zone`, `unknown zone "${spec.zone}"`);
  const poolId = ids.pools.get(spec.pool) ?? fail(`${path}.pool`, `unknown pool "${spec.pool}"`);
  const hostMachine =
    spec.hostSystemId === null
      ? undefined
      : (state.data.machines.find((m) => m.systemId === spec.hostSystemId) ??
        fail(`${path}.hostSystemId`, `unknown machine ${spec.hostSystemId}`));
  const defaultPool = spec.storagePools.find((pool) => pool.default) ?? spec.storagePools[0];
  const host: VmHostRec = {
    id: spec.id,
    name: spec.name,
    type: spec.type,
    version: spec.version ?? '5.21.2',
    architectures: ['amd64/generic'],
    zoneId,
    poolId,
    tags: [...spec.tags],
    hostSystemId: spec.hostSystemId,
    cpuOverCommitRatio: spec.cpuOverCommitRatio,
    memoryOverCommitRatio: spec.memoryOverCommitRatio,
    defaultMacvlanMode: null,
    defaultStoragePoolId: defaultPool?.id ?? null,
    cores: spec.cores,
    memory: spec.memoryMiB,
    cpuSpeed: 2000,
    storagePools: spec.storagePools.map((pool) => ({
      id: pool.id,
      name: pool.name,
      type: pool.type,
      path: pool.path,
      total: pool.totalBytes,
    })),
    project: spec.project,
    powerAddress: `${hostMachine?.interfaces[0]?.ip ?? spec.name}:8443`,
    // The snapshot carries no power secret; a twin's host needs none.
    powerPass: '',
    pendingHints: null,
    syncAt: null,
  };
  state.data.vmHosts.push(host);
  spec.vms.forEach((vm, n) => {
    const vmPath = `${path}.vms[${n}]`;
    const machine =
      vm.systemId === null
        ? undefined
        : (state.data.machines.find((m) => m.systemId === vm.systemId) ??
          fail(`${vmPath}.systemId`, `unknown machine ${vm.systemId}`));
    if (machine !== undefined && machine.podId !== host.id)
      fail(`${vmPath}.systemId`, `machine ${vm.systemId} is not a VM of host ${host.id}`);
    const id = state.nextId('virtualmachine');
    if (machine !== undefined) machine.virtualMachineId = id;
    state.data.virtualMachines.push({
      id,
      identifier: vm.identifier,
      project: vm.project,
      hostId: host.id,
      machineId: machine?.id ?? null,
      unpinnedCores: vm.unpinnedCores,
      pinnedCores: [...vm.pinnedCores],
      memory: vm.memoryMiB,
      hugepagesBacked: false,
      // MAAS shows a VM's disks as its machine's block devices, all on the host's default pool here.
      disks: (machine?.blockDevices ?? []).map((disk) => ({
        poolId: defaultPool?.id ?? 'default',
        size: disk.size,
      })),
    });
  });
  // What MAAS reported as used must follow from the VMs listed, or the twin would admit differently.
  const used = hostUsed(state, host, version);
  if (used.cores !== spec.used.cores || used.memory !== spec.used.memoryMiB)
    fail(
      `${path}.used`,
      `the VMs listed use ${used.cores} cores and ${used.memory} MiB, the snapshot says ${spec.used.cores} and ${spec.used.memoryMiB}`,
    );
}

/** The simulated release closest to the one the snapshot was taken from (same major.minor, else 3.7). */
export function versionOf(maasVersion: string): MaasVersion {
  const exact = MAAS_VERSIONS.find((v) => VERSION_STRINGS[v] === maasVersion);
  if (exact) return exact;
  return MAAS_VERSIONS.find((v) => maasVersion.startsWith(`${v}.`)) ?? '3.7';
}

const maxId = (ids: number[], floor: number) => Math.max(floor, ...ids) + 1;

/**
 * A twin of a real site from its snapshot: the same zones, pools, tags, subnets, machines (system ids,
 * hostnames, statuses, resources, addresses), VM hosts (ids, totals, ratios, storage pools) and their
 * VMs, so MAAS reports the same `used`. Users and API keys are the simulator's own, never the site's.
 */
export function snapshotSite(rng: Rng, clock: SimClock, maas: SnapshotMaas, version: MaasVersion): SimState {
  const state = newState(rng, clock);
  state.data.zones = maas.zones.map((zone) => ({ ...zone }));
  state.data.pools = maas.pools.map((pool) => ({ ...pool }));
  state.data.tags = maas.tags.map((tag) => ({ ...tag }));
  addNetworks(state, maas);
  const ids: Lookups = {
    zones: new Map(maas.zones.map((zone) => [zone.name, zone.id])),
    pools: new Map(maas.pools.map((pool) => [pool.name, pool.id])),
    hosts: new Set(maas.vmHosts.map((host) => host.id)),
    systemIds: new Set(),
  };
  maas.machines.forEach((machine, i) => {
    addMachine(state, machine, `maas.machines[${i}]`, ids);
  });
  // Machines whose address MAAS did not show (not yet allocated) get a free one of their subnet.
  state.touch();
  for (const machine of state.data.machines) {
    for (const nic of machine.interfaces) {
      const subnet = state.subnet(nic.subnetId);
      if (nic.ip === null && subnet !== undefined && machine.status !== NodeStatus.NEW)
        nic.ip = nextFreeIp(state, subnet);
    }
  }
  Object.assign(state.data.nextIds, {
    zone: maxId(
      maas.zones.map((z) => z.id),
      0,
    ),
    pool: maxId(
      maas.pools.map((p) => p.id),
      0,
    ),
    fabric: maxId(
      state.data.fabrics.map((f) => f.id),
      0,
    ),
    vlan: maxId(
      state.data.vlans.map((v) => v.id),
      5001,
    ),
    space: maxId(
      state.data.spaces.map((s) => s.id),
      0,
    ),
    subnet: maxId(
      state.data.subnets.map((s) => s.id),
      0,
    ),
    vmhost: maxId(
      maas.vmHosts.map((h) => h.id),
      0,
    ),
  });
  maas.vmHosts.forEach((host, i) => {
    addVmHost(state, host, `maas.vmHosts[${i}]`, ids, version);
  });
  state.touch();
  return state;
}
