import type { Host } from '../model/schemas.js';
import { type Demand, emptyDemand } from './demand.js';

/**
 * Which admission rule to apply. `server`: the MAAS server's compose check, counting VMs of the tracked LXD project
 * only. `ui`: the web UI's stricter rule, which also counts VMs of other projects (maas-api.md §4.4).
 */
export type AdmissionRule = 'server' | 'ui';

/** The resources a host can run short of, in the words the explanations use. */
export type HostResource =
  | 'cores'
  | 'memory'
  | 'hugepages'
  | 'pinned-cores'
  | 'storage'
  | 'gpus'
  | 'vm-max-cores'
  | 'vm-max-memory';

export interface Shortfall {
  resource: HostResource;
  /** What the demand needs of this resource. */
  need: number;
  /** What the host has free of it now. */
  free: number;
  /** Pool or GPU model, when the shortfall is about one. */
  detail?: string;
}

export interface Allocation {
  /** Pool index per disk (-1 when the host's storage is not modelled). */
  pools: number[];
  /** GPU model per GPU request. */
  gpuModels: string[];
}

/**
 * A host's remaining capacity under MAAS's admission rules, updated as VMs are placed and removed.
 * Cores and memory: used + requested <= total x ratio, compared exactly as MAAS does (8 cores x 1.5 admits
 * 12 vCPUs, not 13). Hugepages, pinned cores, storage and GPUs are never over-committed.
 */
export class HostState {
  readonly cpuCapacity: number;
  readonly memoryCapacity: number;
  usedCores: number;
  usedMemory: number;
  hugepagesFree: number;
  pinnedFree: number;
  readonly poolFree: number[];
  readonly gpuFree: Map<string, number>;
  /** Demand placed by this solve (for utilisation and spread scores). */
  placedCores = 0;
  placedMemory = 0;
  placedCount = 0;

  constructor(
    readonly host: Host,
    readonly rule: AdmissionRule,
  ) {
    this.cpuCapacity = host.cores * host.cpuOverCommitRatio;
    this.memoryCapacity = host.memory * host.memoryOverCommitRatio;
    const counted = rule === 'ui';
    this.usedCores = host.used.cores + (counted ? host.other.cores : 0);
    this.usedMemory = host.used.memory + (counted ? host.other.memory : 0);
    // Physical limits hold whatever the rule: other projects' hugepages and pinned cores are really taken.
    this.hugepagesFree = host.hugepages - host.used.hugepages - host.other.hugepages;
    this.pinnedFree = host.cores - host.used.pinnedCores - host.other.pinnedCores;
    this.poolFree = (host.storagePools ?? []).map((pool) => pool.free);
    this.gpuFree = new Map(host.gpus.map((gpu) => [gpu.model, gpu.count]));
  }

  /** The first resource that stops `demand` from fitting, or null when it fits. */
  check(demand: Demand): Shortfall | null {
    const host = this.host;
    if (demand.largestCores > host.cores) {
      return { resource: 'vm-max-cores', need: demand.largestCores, free: host.cores };
    }
    if (demand.largestMemory > host.memory) {
      return { resource: 'vm-max-memory', need: demand.largestMemory, free: host.memory };
    }
    if (this.usedCores + demand.cores > this.cpuCapacity) {
      return { resource: 'cores', need: demand.cores, free: this.cpuCapacity - this.usedCores };
    }
    if (this.usedMemory + demand.memory > this.memoryCapacity) {
      return { resource: 'memory', need: demand.memory, free: this.memoryCapacity - this.usedMemory };
    }
    if (demand.hugepages > this.hugepagesFree) {
      return { resource: 'hugepages', need: demand.hugepages, free: this.hugepagesFree };
    }
    if (demand.pinnedCores > this.pinnedFree) {
      return { resource: 'pinned-cores', need: demand.pinnedCores, free: this.pinnedFree };
    }
    if (demand.disks.length > 0 && host.storagePools) {
      const pools = this.choosePools(demand);
      if (typeof pools === 'object' && !Array.isArray(pools)) return pools;
    }
    if (demand.gpus.length > 0) {
      const models = this.chooseGpus(demand);
      if (!Array.isArray(models)) return models;
    }
    return null;
  }

  /** Every resource `demand` is short of (not just the first), for explanations. */
  allShortfalls(demand: Demand): Shortfall[] {
    const out: Shortfall[] = [];
    const probe = (partial: Partial<Demand>): void => {
      const shortfall = this.check({ ...emptyDemand(), ...partial });
      if (shortfall) out.push(shortfall);
    };
    probe({ largestCores: demand.largestCores });
    probe({ largestMemory: demand.largestMemory });
    probe({ cores: demand.cores });
    probe({ memory: demand.memory });
    probe({ hugepages: demand.hugepages });
    probe({ pinnedCores: demand.pinnedCores });
    probe({ disks: demand.disks });
    probe({ gpus: demand.gpus });
    return out;
  }

  /** Places a demand that `check` accepted. */
  add(demand: Demand): Allocation {
    const pools = demand.disks.length > 0 && this.host.storagePools ? this.choosePools(demand) : [];
    const gpuModels = demand.gpus.length > 0 ? this.chooseGpus(demand) : [];
    if (!Array.isArray(pools) || !Array.isArray(gpuModels)) {
      throw new Error(`internal: demand added to ${this.host.name} without a successful check`);
    }
    this.usedCores += demand.cores;
    this.usedMemory += demand.memory;
    this.hugepagesFree -= demand.hugepages;
    this.pinnedFree -= demand.pinnedCores;
    demand.disks.forEach((disk, i) => {
      const p = pools[i]!;
      if (p >= 0) this.poolFree[p]! -= disk.size;
    });
    demand.gpus.forEach((gpu, i) => {
      const model = gpuModels[i]!;
      this.gpuFree.set(model, this.gpuFree.get(model)! - gpu.count);
    });
    this.placedCores += demand.cores;
    this.placedMemory += demand.memory;
    this.placedCount++;
    return { pools: demand.disks.map((_, i) => pools[i] ?? -1), gpuModels };
  }

  remove(demand: Demand, allocation: Allocation): void {
    this.usedCores -= demand.cores;
    this.usedMemory -= demand.memory;
    this.hugepagesFree += demand.hugepages;
    this.pinnedFree += demand.pinnedCores;
    demand.disks.forEach((disk, i) => {
      const p = allocation.pools[i]!;
      if (p >= 0) this.poolFree[p]! += disk.size;
    });
    demand.gpus.forEach((gpu, i) => {
      const model = allocation.gpuModels[i]!;
      this.gpuFree.set(model, this.gpuFree.get(model)! + gpu.count);
    });
    this.placedCores -= demand.cores;
    this.placedMemory -= demand.memory;
    this.placedCount--;
  }

  /** Fraction of the over-committed core and memory capacity in use, the larger of the two. */
  utilisation(): number {
    const cpu = this.cpuCapacity > 0 ? this.usedCores / this.cpuCapacity : 1;
    const mem = this.memoryCapacity > 0 ? this.usedMemory / this.memoryCapacity : 1;
    return Math.max(cpu, mem);
  }

  /**
   * Pool per disk as the LXD driver picks it: the named pool, else a pool whose name is one of the disk's
   * tags, else the default pool if it has room, else the first pool with room. Storage is never over-committed.
   */
  private choosePools(demand: Demand): number[] | Shortfall {
    const pools = this.host.storagePools ?? [];
    const free = [...this.poolFree];
    const chosen: number[] = [];
    for (const disk of demand.disks) {
      let p = -1;
      const wanted = disk.pool ?? disk.tags.find((tag) => pools.some((pool) => pool.name === tag));
      if (wanted !== undefined) {
        p = pools.findIndex((pool) => pool.name === wanted);
        if (p < 0 || free[p]! < disk.size) {
          return { resource: 'storage', need: disk.size, free: p < 0 ? 0 : free[p]!, detail: wanted };
        }
      } else {
        const preferred = pools.findIndex((pool) => pool.default);
        if (preferred >= 0 && free[preferred]! >= disk.size) p = preferred;
        else p = free.findIndex((room) => room >= disk.size);
        if (p < 0) return { resource: 'storage', need: disk.size, free: Math.max(0, ...free) };
      }
      free[p]! -= disk.size;
      chosen.push(p);
    }
    return chosen;
  }

  /** GPU model per request: the named model, else the model with the most free devices. */
  private chooseGpus(demand: Demand): string[] | Shortfall {
    const free = new Map(this.gpuFree);
    const chosen: string[] = [];
    for (const gpu of demand.gpus) {
      let model = gpu.model;
      if (model === undefined) {
        let most = -1;
        for (const [candidate, count] of free) {
          if (count > most) {
            most = count;
            model = candidate;
          }
        }
      }
      const have = model === undefined ? 0 : (free.get(model) ?? 0);
      if (model === undefined || have < gpu.count) {
        return { resource: 'gpus', need: gpu.count, free: have, ...(gpu.model ? { detail: gpu.model } : {}) };
      }
      free.set(model, have - gpu.count);
      chosen.push(model);
    }
    return chosen;
  }
}
