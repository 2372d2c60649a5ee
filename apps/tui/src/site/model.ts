/**
 * What the screens show, in the TUI's own terms. Adapters fill these from the SDKs; views never see
 * SDK types, so a wire-format change touches one adapter and no view.
 */

export interface MachineRow {
  systemId: string;
  hostname: string;
  status: string;
  zone: string;
  pool: string;
  cpuCount: number;
  memoryMiB: number;
  /** MAAS reports machine storage in MB (10^6 bytes). */
  storageMB: number;
  tags: readonly string[];
  powerState: string;
  owner: string | null;
  architecture: string;
  osystem: string;
  distroSeries: string;
  ipAddresses: readonly string[];
  /** The VM host this machine is a VM on, if any. */
  vmHost: string | null;
  /** null when its devices were not read (see Inventory.gpuScan for why). */
  gpus: number | null;
  /** The GPUs MAAS's node devices list (empty when not read). */
  gpuDevices: readonly GpuDeviceRow[];
}

export interface GpuDeviceRow {
  vendor: string;
  model: string;
  numaNode: number | null;
  pciAddress: string | null;
}

export interface StoragePoolRow {
  name: string;
  type: string;
  totalBytes: number;
  usedBytes: number;
  availableBytes: number;
  isDefault: boolean;
}

export interface VmRow {
  systemId: string;
  hostname: string;
  status: string;
  cores: number;
  memoryMiB: number;
}

export interface VmHostRow {
  id: number;
  name: string;
  type: string;
  zone: string;
  pool: string;
  tags: readonly string[];
  cpuOverCommitRatio: number;
  memoryOverCommitRatio: number;
  total: { cores: number; memoryMiB: number; storageBytes: number };
  /** Used by VMs of the tracked LXD project: what MAAS's own admission check counts. */
  used: { cores: number; memoryMiB: number; storageBytes: number };
  /** Used by VMs MAAS does not track (other LXD projects): the UI counts these, the server does not. */
  usedOther: { cores: number; memoryMiB: number };
  storagePools: readonly StoragePoolRow[];
  vms: readonly VmRow[];
}

export interface Inventory {
  maasVersion: string;
  zones: readonly string[];
  pools: readonly string[];
  machines: readonly MachineRow[];
  vmHosts: readonly VmHostRow[];
  /**
   * Whether every bare-metal machine's GPUs were read: `reading` on a first paint, drawn from the lists
   * before the per-machine reads; `skipped` on a fleet above the scan limit.
   */
  gpuScan: 'complete' | 'reading' | 'skipped';
  /**
   * N-1 now: whether the loss of any one VM host leaves room for its VMs (MAAS's admission rule); null
   * on a first paint, before it is checked.
   */
  hostLoss: HostLoss | null;
}

export interface HostLoss {
  ok: boolean;
  failures: readonly { host: string; stranded: readonly string[] }[];
}

/** Why a machine's GPU count is not known, in a few words. */
export function gpusNotRead(scan: Inventory['gpuScan']): string {
  return scan === 'reading' ? 'reading…' : 'not read (fleet above the scan limit)';
}

/** Where the TUI is connected, shown in the header; `simulated` drives the banner. */
export interface SiteDescription {
  simulated: boolean;
  maasUrl: string;
  jujuEndpoint: string | null;
  profile: string | null;
}

export type MachineAction = 'deploy' | 'release' | 'commission' | 'powerOn' | 'powerOff';

export const MACHINE_ACTION_VERBS: Record<MachineAction, string> = {
  deploy: 'Deploy',
  release: 'Release',
  commission: 'Commission',
  powerOn: 'Power on',
  powerOff: 'Power off',
};

/** Machine counts by MAAS status name, most common first. */
export function countByStatus(machines: readonly MachineRow[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const machine of machines) counts.set(machine.status, (counts.get(machine.status) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * Who uses a GPU machine: the saved plan's role for it (`plan <id>: <role>`), else the role edgekit
 * tagged it with when a plan was applied, else its MAAS owner, else free.
 */
export function gpuUser(
  machine: MachineRow,
  plan: { id: string; bareMetal: readonly { systemId: string; role: string }[] } | null,
): string {
  const planned = plan?.bareMetal.find((b) => b.systemId === machine.systemId);
  if (planned !== undefined) return `plan ${plan?.id}: ${planned.role}`;
  const role = machine.tags.find((tag) => tag.startsWith('edgekit-role-'));
  if (role !== undefined) return `applied: ${role.slice('edgekit-role-'.length)}`;
  return machine.owner === null ? 'free' : `owner ${machine.owner}`;
}
