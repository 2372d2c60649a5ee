import type { VmHostInventory } from './schema.js';

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
