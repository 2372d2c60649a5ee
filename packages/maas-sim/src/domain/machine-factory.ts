import type { BlockDeviceRec, InterfaceRec, MachineRec, NodeDeviceRec, SubnetRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import { intToIp, ipToInt, parseCidr } from './ipv4.js';
import { NodeStatus } from './status.js';

export interface MachineSpec {
  hostname: string;
  zoneId: number;
  poolId: number;
  cpuCount: number;
  memory: number;
  /** Disk sizes in bytes; the first is the boot disk. */
  disks: number[];
  subnetId: number | null;
  status?: number;
  owner?: string | null;
  powerType?: string;
  tags?: string[];
  devices?: Omit<NodeDeviceRec, 'id'>[];
  podId?: number | null;
  virtualMachineId?: number | null;
  dynamic?: boolean;
  architecture?: string;
  description?: string;
  domainId?: number;
  cpuSpeed?: number;
  numaNodes?: number;
}

const hex = (state: SimState, n: number): string =>
  Array.from({ length: n }, () => Math.floor(state.rng() * 16).toString(16)).join('');

export function macAddress(state: SimState): string {
  // 52:54:00 is the QEMU/KVM OUI; bare metal uses a locally administered prefix.
  return `52:54:00:${hex(state, 2)}:${hex(state, 2)}:${hex(state, 2)}`;
}

/** Next free address of a subnet, after the ones MAAS reserves (gateway, rack, dynamic range). */
export function nextFreeIp(state: SimState, subnet: SubnetRec): string | null {
  const range = parseCidr(subnet.cidr);
  const used = state.ipsInUse(subnet.id, ipToInt);
  for (let n = range.first + subnet.reservedCount; n <= range.last; n++) {
    if (!used.has(n)) {
      used.add(n);
      return intToIp(n);
    }
  }
  return null;
}

export function uuidFrom(state: SimState): string {
  return `${hex(state, 8)}-${hex(state, 4)}-4${hex(state, 3)}-a${hex(state, 3)}-${hex(state, 12)}`;
}

export function buildMachine(state: SimState, spec: MachineSpec): MachineRec {
  const systemId = state.newSystemId();
  const subnet = state.subnet(spec.subnetId);
  const status = spec.status ?? NodeStatus.READY;
  const commissioned = status !== NodeStatus.NEW && status !== NodeStatus.COMMISSIONING;
  const interfaces: InterfaceRec[] = [
    {
      id: state.nextId('interface'),
      name: spec.podId ? 'enp5s0' : 'eno1',
      mac: macAddress(state),
      vlanId: subnet?.vlanId ?? state.data.vlans[0]?.id ?? 0,
      subnetId: subnet?.id ?? null,
      ip: subnet ? nextFreeIp(state, subnet) : null,
      linkId: state.nextId('link'),
      linkSpeed: spec.podId ? 0 : 10000,
    },
  ];
  const blockDevices: BlockDeviceRec[] = spec.disks.map((size, i) => ({
    id: state.nextId('blockdevice'),
    name: spec.podId ? `sd${String.fromCharCode(97 + i)}` : `nvme${i}n1`,
    size,
    model: spec.podId ? 'QEMU HARDDISK' : 'SAMSUNG MZQL2960HCJR-00A07',
    serial: `${spec.podId ? 'lxd_root' : 'S64F'}${hex(state, 8)}`,
    tags: spec.podId ? [] : ['ssd'],
    blockSize: spec.podId ? 512 : 4096,
  }));
  const numaCount = Math.max(1, spec.numaNodes ?? (spec.cpuCount >= 32 ? 2 : 1));
  const perNode = Math.floor(spec.cpuCount / numaCount);
  const numa = Array.from({ length: numaCount }, (_, index) => ({
    index,
    cores: Array.from(
      { length: index === numaCount - 1 ? spec.cpuCount - perNode * index : perNode },
      (_, c) => index * perNode + c,
    ),
    memory: Math.floor(spec.memory / numaCount),
  }));
  return {
    id: state.nextId('node'),
    systemId,
    hostname: spec.hostname,
    description: spec.description ?? '',
    domainId: spec.domainId ?? state.defaultDomain().id,
    zoneId: spec.zoneId,
    poolId: spec.poolId,
    architecture: spec.architecture ?? 'amd64/generic',
    cpuCount: spec.cpuCount,
    cpuSpeed: spec.cpuSpeed ?? 2000,
    memory: spec.memory,
    status,
    previousStatus: status,
    statusMessage: null,
    errorDescription: '',
    owner: spec.owner ?? null,
    ownerData: {},
    workloadAnnotations: {},
    tags: [...(spec.tags ?? [])],
    powerType: spec.powerType ?? (spec.podId ? 'lxd' : 'ipmi'),
    powerState: status === NodeStatus.DEPLOYED ? 'on' : 'off',
    osystem: status === NodeStatus.DEPLOYED ? 'ubuntu' : '',
    distroSeries: status === NodeStatus.DEPLOYED ? 'jammy' : '',
    hweKernel: null,
    agentName: '',
    locked: false,
    netboot: status !== NodeStatus.DEPLOYED,
    ephemeralDeploy: false,
    enableKernelCrashDump: false,
    interfaces,
    blockDevices,
    devices: (spec.devices ?? []).map((d) => ({ ...d, id: state.nextId('nodedevice') })),
    numa,
    podId: spec.podId ?? null,
    virtualMachineId: spec.virtualMachineId ?? null,
    dynamic: spec.dynamic ?? false,
    hardwareUuid: uuidFrom(state),
    commissioningStatus: commissioned ? 2 : -1,
    testingStatus: commissioned ? 2 : -1,
    resultIds: {
      commissioning: commissioned ? state.nextId('result') : null,
      testing: commissioned ? state.nextId('result') : null,
      installation: status === NodeStatus.DEPLOYED ? state.nextId('result') : null,
    },
    transition: null,
    injectedFailure: null,
    registerVmhost: false,
    created: state.clock.now(),
  };
}
