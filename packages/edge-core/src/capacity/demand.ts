/** What a VM (or a set of VMs that must share a host) asks of a host. */
export interface Demand {
  /** vCPUs, counted against cores x cpu ratio (pinned ones too: MAAS's check uses `cores`). */
  cores: number;
  /** vCPUs pinned to dedicated cores (ratio 1). */
  pinnedCores: number;
  /** MiB, counted against memory x memory ratio (hugepage-backed VMs too, as MAAS counts them). */
  memory: number;
  /** MiB that must come from the host's free hugepages (ratio 1). */
  hugepages: number;
  disks: readonly DiskDemand[];
  gpus: readonly GpuDemand[];
  /** Largest single VM: MAAS caps one VM at the host's physical cores and memory. */
  largestCores: number;
  largestMemory: number;
}

export interface DiskDemand {
  /** Bytes. */
  size: number;
  pool?: string | undefined;
  tags: readonly string[];
}

export interface GpuDemand {
  count: number;
  model?: string | undefined;
}

export function emptyDemand(): Demand {
  return {
    cores: 0,
    pinnedCores: 0,
    memory: 0,
    hugepages: 0,
    disks: [],
    gpus: [],
    largestCores: 0,
    largestMemory: 0,
  };
}

export function addDemands(a: Demand, b: Demand): Demand {
  return {
    cores: a.cores + b.cores,
    pinnedCores: a.pinnedCores + b.pinnedCores,
    memory: a.memory + b.memory,
    hugepages: a.hugepages + b.hugepages,
    disks: [...a.disks, ...b.disks],
    gpus: [...a.gpus, ...b.gpus],
    largestCores: Math.max(a.largestCores, b.largestCores),
    largestMemory: Math.max(a.largestMemory, b.largestMemory),
  };
}
