/**
 * The simulator's internal records. They are plain JSON so the whole site can be persisted and
 * reloaded; the wire shapes are produced from them by `render/*`.
 */
export interface ZoneRec {
  id: number;
  name: string;
  description: string;
}

export interface PoolRec {
  id: number;
  name: string;
  description: string;
}

export interface DomainRec {
  id: number;
  name: string;
  authoritative: boolean;
  ttl: number | null;
  isDefault: boolean;
}

export interface FabricRec {
  id: number;
  name: string;
  classType: string | null;
}

export interface VlanRec {
  id: number;
  vid: number;
  name: string;
  fabricId: number;
  mtu: number;
  dhcpOn: boolean;
  spaceId: number | null;
  primaryRack: string | null;
  secondaryRack: string | null;
}

export interface SpaceRec {
  id: number;
  name: string;
  description: string;
}

export interface SubnetRec {
  id: number;
  name: string;
  description: string;
  cidr: string;
  vlanId: number;
  gatewayIp: string | null;
  dnsServers: string[];
  managed: boolean;
  /** Addresses MAAS keeps for itself (gateway, rack, dynamic range) in `statistics`. */
  reservedCount: number;
}

export interface TagRec {
  name: string;
  definition: string;
  comment: string;
  kernelOpts: string;
}

export interface UserRec {
  username: string;
  email: string;
  isSuperuser: boolean;
  password: string;
}

export interface SshKeyRec {
  id: number;
  username: string;
  key: string;
  keysource: string | null;
}

export interface BootResourceRec {
  id: number;
  type: 'Synced' | 'Uploaded';
  name: string;
  architecture: string;
  subarches: string;
  title: string;
  baseImage: string;
  lastDeployed: number | null;
  size: number;
  sha256: string;
}

export type EventLevel = 'AUDIT' | 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

export interface EventRec {
  id: number;
  node: string | null;
  hostname: string;
  username: string;
  level: EventLevel;
  created: number;
  type: string;
  description: string;
  zoneId: number | null;
  owner: string | null;
}

export interface InterfaceRec {
  id: number;
  name: string;
  mac: string;
  vlanId: number;
  subnetId: number | null;
  ip: string | null;
  linkId: number;
  linkSpeed: number;
}

export interface BlockDeviceRec {
  id: number;
  name: string;
  size: number;
  model: string;
  serial: string;
  tags: string[];
  blockSize: number;
}

export interface NodeDeviceRec {
  id: number;
  /** 1 PCIE, 2 USB. */
  bus: number;
  /** 0 node, 1 cpu, 2 memory, 3 storage, 4 network, 5 gpu. */
  hardwareType: number;
  numaNode: number;
  vendorId: string;
  productId: string;
  vendorName: string;
  productName: string;
  commissioningDriver: string;
  busNumber: number;
  deviceNumber: number;
  pciAddress: string | null;
}

export interface NumaRec {
  index: number;
  cores: number[];
  memory: number;
}

/** A pending lifecycle step, due at simulated time `at`. */
export interface TransitionRec {
  step:
    | 'commissioning-done'
    | 'testing-done'
    | 'deploy-done'
    | 'release-done'
    | 'erase-done'
    | 'vmhost-synced';
  at: number;
}

export type InjectedFailure = 'commissioning' | 'testing' | 'deployment';

export interface MachineRec {
  id: number;
  systemId: string;
  hostname: string;
  description: string;
  domainId: number;
  zoneId: number;
  poolId: number;
  architecture: string;
  cpuCount: number;
  cpuSpeed: number;
  memory: number;
  status: number;
  /** Status before a transient one (used by abort and mark_fixed). */
  previousStatus: number;
  statusMessage: string | null;
  errorDescription: string;
  owner: string | null;
  ownerData: Record<string, string>;
  workloadAnnotations: Record<string, string>;
  tags: string[];
  powerType: string;
  powerState: 'on' | 'off' | 'unknown' | 'error';
  osystem: string;
  distroSeries: string;
  hweKernel: string | null;
  agentName: string;
  locked: boolean;
  netboot: boolean;
  ephemeralDeploy: boolean;
  enableKernelCrashDump: boolean;
  interfaces: InterfaceRec[];
  blockDevices: BlockDeviceRec[];
  devices: NodeDeviceRec[];
  numa: NumaRec[];
  podId: number | null;
  virtualMachineId: number | null;
  /** Composed by allocate: deleted on release. */
  dynamic: boolean;
  hardwareUuid: string;
  commissioningStatus: number;
  testingStatus: number;
  resultIds: { commissioning: number | null; testing: number | null; installation: number | null };
  transition: TransitionRec | null;
  injectedFailure: InjectedFailure | null;
  /** Deploy asked for `register_vmhost`/`install_kvm`: becomes a VM host once deployed. */
  registerVmhost: boolean;
  created: number;
}

export interface StoragePoolRec {
  id: string;
  name: string;
  type: string;
  path: string;
  total: number;
}

export interface VmHostRec {
  id: number;
  name: string;
  type: 'lxd' | 'virsh';
  version: string;
  architectures: string[];
  zoneId: number;
  poolId: number;
  tags: string[];
  hostSystemId: string | null;
  cpuOverCommitRatio: number;
  memoryOverCommitRatio: number;
  defaultMacvlanMode: string | null;
  defaultStoragePoolId: string | null;
  /** Hints: 0 until the host's commissioning has synced them (terraform-provider-maas #162). */
  cores: number;
  memory: number;
  cpuSpeed: number;
  storagePools: StoragePoolRec[];
  project: string;
  powerAddress: string;
  powerPass: string;
  /** Hints to apply when the pending sync completes. */
  pendingHints: { cores: number; memory: number; pools: StoragePoolRec[] } | null;
  syncAt: number | null;
  /** Set by the `_sim` control API: the host lost power (absent in sites saved before it existed). */
  failed?: boolean;
}

export interface VirtualMachineRec {
  id: number;
  identifier: string;
  project: string;
  hostId: number;
  machineId: number | null;
  unpinnedCores: number;
  pinnedCores: number[];
  memory: number;
  hugepagesBacked: boolean;
  disks: { poolId: string; size: number }[];
}

export interface SiteData {
  formatVersion: 1;
  /** Simulated time at the last save, so a reloaded site's clock never runs backwards. */
  savedAt: number;
  nextIds: Record<string, number>;
  users: UserRec[];
  tokens: import('../http/oauth.js').TokenRecord[];
  zones: ZoneRec[];
  pools: PoolRec[];
  domains: DomainRec[];
  fabrics: FabricRec[];
  vlans: VlanRec[];
  spaces: SpaceRec[];
  subnets: SubnetRec[];
  tags: TagRec[];
  sshKeys: SshKeyRec[];
  bootResources: BootResourceRec[];
  events: EventRec[];
  machines: MachineRec[];
  vmHosts: VmHostRec[];
  virtualMachines: VirtualMachineRec[];
  config: Record<string, string>;
}
