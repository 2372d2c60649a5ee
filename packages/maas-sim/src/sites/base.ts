import type { SimClock } from '../clock.js';
import { buildMachine, type MachineSpec } from '../domain/machine-factory.js';
import { keyPartFrom, type Rng } from '../rng.js';
import type { NodeDeviceRec, SiteData, VmHostRec } from '../state/model.js';
import { SimState } from '../state/store.js';

/** An empty MAAS as a fresh install looks: default zone/pool/domain/fabric, admin user, synced images. */
export function emptySite(rng: Rng, now: number): SiteData {
  const password = keyPartFrom(rng, 16);
  return {
    formatVersion: 1,
    savedAt: now,
    nextIds: { bootresource: 5, zone: 2, pool: 1, domain: 1, fabric: 1, vlan: 5002, space: 1, subnet: 1 },
    users: [{ username: 'admin', email: 'admin@example.com', isSuperuser: true, password }],
    tokens: [
      {
        name: 'edgekit',
        consumerKey: keyPartFrom(rng, 18),
        tokenKey: keyPartFrom(rng, 18),
        tokenSecret: keyPartFrom(rng, 32),
        username: 'admin',
      },
    ],
    zones: [{ id: 1, name: 'default', description: '' }],
    pools: [{ id: 0, name: 'default', description: 'Default pool' }],
    domains: [{ id: 0, name: 'maas', authoritative: true, ttl: null, isDefault: true }],
    fabrics: [{ id: 0, name: 'fabric-0', classType: null }],
    vlans: [
      {
        id: 5001,
        vid: 0,
        name: 'untagged',
        fabricId: 0,
        mtu: 1500,
        dhcpOn: true,
        spaceId: null,
        primaryRack: 'rackc1',
        secondaryRack: null,
      },
    ],
    spaces: [],
    subnets: [],
    tags: [{ name: 'virtual', definition: '', comment: 'Virtual machines', kernelOpts: '' }],
    sshKeys: [],
    bootResources: [
      {
        id: 1,
        type: 'Synced',
        name: 'ubuntu/jammy',
        architecture: 'amd64/ga-22.04',
        subarches: 'generic,hwe-22.04,ga-22.04',
        title: '',
        baseImage: '',
        lastDeployed: null,
        size: 286_453_760,
        sha256: 'b0d4dd1a1d5e2f8aa7c1b3d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819',
      },
      {
        id: 2,
        type: 'Synced',
        name: 'ubuntu/noble',
        architecture: 'amd64/ga-24.04',
        subarches: 'generic,hwe-24.04,ga-24.04',
        title: '',
        baseImage: '',
        lastDeployed: null,
        size: 301_989_888,
        sha256: '1f2e3d4c5b6a79880f1e2d3c4b5a69788f9e0d1c2b3a49586f7e8d9c0b1a2938',
      },
      {
        id: 3,
        type: 'Synced',
        name: 'grub-efi-signed/uefi',
        architecture: 'amd64/generic',
        subarches: 'generic',
        title: '',
        baseImage: '',
        lastDeployed: null,
        size: 2_416_640,
        sha256: '9a8b7c6d5e4f30211a2b3c4d5e6f7081928374655647382910a1b2c3d4e5f607',
      },
      {
        id: 4,
        type: 'Uploaded',
        name: 'edge-rt',
        architecture: 'amd64/generic',
        subarches: 'generic',
        title: 'Edge real-time kernel image',
        baseImage: 'ubuntu/jammy',
        lastDeployed: null,
        size: 935_047_294,
        sha256: '5b341be98b05d409a41ce8c2d881dbd80df9de07da7613d6722d4f0b5e99e0f1',
      },
    ],
    events: [],
    machines: [],
    vmHosts: [],
    virtualMachines: [],
    config: { default_distro_series: 'jammy', maas_name: 'maas-sim', default_osystem: 'ubuntu' },
  };
}

export function newState(rng: Rng, clock: SimClock): SimState {
  return new SimState(emptySite(rng, clock.now()), clock, rng);
}

/** Adds a zone with its own fabric, untagged VLAN (in `space`) and /24 subnet; returns their ids. */
export function addZoneNetwork(
  state: SimState,
  zoneName: string,
  octet: number,
  spaceId: number | null,
): { zoneId: number; subnetId: number } {
  const zoneId = state.nextId('zone');
  state.data.zones.push({ id: zoneId, name: zoneName, description: `Edge site ${zoneName}` });
  const fabricId = state.nextId('fabric');
  state.data.fabrics.push({ id: fabricId, name: `fabric-${fabricId}`, classType: null });
  const vlanId = state.nextId('vlan', 5002);
  state.data.vlans.push({
    id: vlanId,
    vid: 0,
    name: 'untagged',
    fabricId,
    mtu: 1500,
    dhcpOn: true,
    spaceId,
    primaryRack: 'rackc1',
    secondaryRack: null,
  });
  const subnetId = state.nextId('subnet');
  state.data.subnets.push({
    id: subnetId,
    name: `10.${octet}.0.0/24`,
    description: `${zoneName} provisioning`,
    cidr: `10.${octet}.0.0/24`,
    vlanId,
    gatewayIp: `10.${octet}.0.1`,
    dnsServers: [],
    managed: true,
    // Gateway, rack controller and a small dynamic range are not for machines.
    reservedCount: 20,
  });
  return { zoneId, subnetId };
}

export interface HostSpec {
  name: string;
  zoneId: number;
  poolId: number;
  subnetId: number;
  cores: number;
  memoryMiB: number;
  poolBytes: number;
  cpuRatio: number;
  memRatio: number;
}

/** A deployed machine registered as an LXD VM host (what `deploy register_vmhost=true` leaves behind). */
export function addLxdHost(state: SimState, spec: HostSpec): VmHostRec {
  const machine = buildMachine(state, {
    hostname: spec.name,
    zoneId: spec.zoneId,
    poolId: spec.poolId,
    subnetId: spec.subnetId,
    cpuCount: spec.cores,
    memory: spec.memoryMiB,
    disks: [480_103_981_056, spec.poolBytes],
    status: 6,
    owner: 'admin',
    powerType: 'ipmi',
  });
  state.data.machines.push(machine);
  const host: VmHostRec = {
    id: state.nextId('vmhost'),
    name: spec.name,
    type: 'lxd',
    version: '5.21.2',
    architectures: ['amd64/generic'],
    zoneId: spec.zoneId,
    poolId: spec.poolId,
    tags: [],
    hostSystemId: machine.systemId,
    cpuOverCommitRatio: spec.cpuRatio,
    memoryOverCommitRatio: spec.memRatio,
    defaultMacvlanMode: null,
    defaultStoragePoolId: 'default',
    cores: spec.cores,
    memory: spec.memoryMiB,
    cpuSpeed: 2000,
    storagePools: [
      {
        id: 'default',
        name: 'default',
        type: 'zfs',
        path: '/var/snap/lxd/common/lxd/storage-pools/default',
        total: spec.poolBytes,
      },
    ],
    project: 'maas',
    powerAddress: `${machine.interfaces[0]?.ip ?? spec.name}:8443`,
    powerPass: '',
    pendingHints: null,
    syncAt: null,
  };
  state.data.vmHosts.push(host);
  return host;
}

/** A VM already running on a host, tracked by MAAS (a deployed machine) or in another LXD project. */
export function addRunningVm(
  state: SimState,
  host: VmHostRec,
  vm: {
    hostname: string;
    cores: number;
    memoryMiB: number;
    diskGb: number;
    project?: string;
    owner?: string;
  },
): void {
  const project = vm.project ?? host.project;
  const vmId = state.nextId('virtualmachine');
  let machineId: number | null = null;
  if (project === host.project) {
    const hostMachine = state.data.machines.find((m) => m.systemId === host.hostSystemId);
    const spec: MachineSpec = {
      hostname: vm.hostname,
      zoneId: host.zoneId,
      poolId: host.poolId,
      subnetId: hostMachine?.interfaces[0]?.subnetId ?? null,
      cpuCount: vm.cores,
      memory: vm.memoryMiB,
      disks: [vm.diskGb * 1_000_000_000],
      status: 6,
      owner: vm.owner ?? 'admin',
      podId: host.id,
      virtualMachineId: vmId,
      tags: ['virtual'],
    };
    const machine = buildMachine(state, spec);
    state.data.machines.push(machine);
    machineId = machine.id;
  }
  state.data.virtualMachines.push({
    id: vmId,
    identifier: vm.hostname,
    project,
    hostId: host.id,
    machineId,
    unpinnedCores: vm.cores,
    pinnedCores: [],
    memory: vm.memoryMiB,
    hugepagesBacked: false,
    disks: [{ poolId: host.storagePools[0]?.id ?? 'default', size: vm.diskGb * 1_000_000_000 }],
  });
}

export function nvidiaGpu(index: number): Omit<NodeDeviceRec, 'id'> {
  const bus = index === 0 ? 0x3b : 0xd8;
  return {
    bus: 1,
    hardwareType: 5,
    numaNode: index,
    vendorId: '10de',
    productId: '20b5',
    vendorName: 'NVIDIA Corporation',
    productName: 'GA100 [A100 PCIe 80GB]',
    commissioningDriver: 'nvidia',
    busNumber: bus,
    deviceNumber: 0,
    pciAddress: `0000:${bus.toString(16)}:00.0`,
  };
}
