import type { StoragePool, VmHostInventory } from './schema.js';

/**
 * Which admission rule to count with (maas-api.md §4.4): `server` is MAAS's compose check
 * (used + requested ≤ total × ratio, tracked project only); `ui` is maas-ui's stricter rule that also
 * counts VMs of other LXD projects (allocated_other).
 */
export type AdmissionRule = 'server' | 'ui';

export interface Headroom {
  /** vCPUs that can still be composed on the host under the rule. */
  cores: number;
  /** MiB that can still be composed on the host under the rule. */
  memoryMiB: number;
  /** Largest single VM the host can take (MAAS caps one VM at the physical size, not ratio-scaled). */
  maxVmCores: number;
  maxVmMemoryMiB: number;
  /** Free bytes per storage pool id; storage is never over-committed. */
  storageBytes: Record<string, number>;
}

export function headroom(host: VmHostInventory, rule: AdmissionRule): Headroom {
  const otherCores = rule === 'ui' ? host.usedByOtherProjects.cores : 0;
  const otherMemory = rule === 'ui' ? host.usedByOtherProjects.memoryMiB : 0;
  const storageBytes: Record<string, number> = {};
  for (const pool of host.storagePools) storageBytes[pool.id] = Math.max(0, pool.availableBytes);
  return {
    cores: host.total.cores * host.cpuOverCommitRatio - host.used.cores - otherCores,
    memoryMiB: host.total.memoryMiB * host.memoryOverCommitRatio - host.used.memoryMiB - otherMemory,
    maxVmCores: host.total.cores,
    maxVmMemoryMiB: host.total.memoryMiB,
    storageBytes,
  };
}

/** The pool MAAS would pick for a disk without a pool tag: the default pool, else the first with room. */
export function defaultPool(host: VmHostInventory, bytes: number): StoragePool | undefined {
  const byDefault = host.storagePools.find((pool) => pool.id === host.defaultStoragePoolId || pool.default);
  if (byDefault !== undefined && byDefault.availableBytes >= bytes) return byDefault;
  return host.storagePools.find((pool) => pool.availableBytes >= bytes);
}
