import type { VmHost } from './schemas/vm-host.js';
import type { Bytes, MiB } from './units.js';

export interface VmHostHeadroom {
  /** Cores still composable under the CPU over-commit ratio (may be negative). */
  cores: number;
  /** MiB still composable under the memory over-commit ratio (may be negative). */
  memoryMiB: MiB;
  /** Free bytes per storage pool id; storage is never over-committed. */
  storageBytesByPool: Readonly<Record<string, Bytes>>;
  /** Largest single VM by host size (MAAS caps one VM at the physical cores/memory). */
  maxVmCores: number;
  maxVmMemoryMiB: MiB;
}

/**
 * Ratio-adjusted headroom. MAAS's REST `available` ignores over-commit; compose admission checks
 * `used + requested <= total × ratio` (src/maasserver/models/bmc.py `check_over_commit_ratios`).
 */
export function vmHostHeadroom(host: VmHost): VmHostHeadroom {
  const storageBytesByPool: Record<string, Bytes> = {};
  for (const pool of host.storage_pools) storageBytesByPool[pool.id] = pool.available;
  return {
    cores: host.total.cores * host.cpu_over_commit_ratio - host.used.cores,
    memoryMiB: host.total.memory * host.memory_over_commit_ratio - host.used.memory,
    storageBytesByPool,
    maxVmCores: host.total.cores,
    maxVmMemoryMiB: host.total.memory,
  };
}

/** Whether a VM of this size passes MAAS's own compose admission check on `host`. */
export function vmHostFits(
  host: VmHost,
  request: { cores: number; memoryMiB: MiB; storageBytes?: Bytes; pool?: string },
): boolean {
  const room = vmHostHeadroom(host);
  if (request.cores > room.cores || request.cores > room.maxVmCores) return false;
  if (request.memoryMiB > room.memoryMiB || request.memoryMiB > room.maxVmMemoryMiB) return false;
  if (request.storageBytes === undefined) return true;
  const pools =
    request.pool !== undefined
      ? [room.storageBytesByPool[request.pool] ?? 0]
      : Object.values(room.storageBytesByPool);
  return pools.some((free) => free >= request.storageBytes!);
}
