import type { VmHostRow } from './model.js';

export interface Ratios {
  cpu: number;
  memory: number;
}

export interface Headroom {
  cores: number;
  memoryMiB: number;
}

/**
 * MAAS's server rule (models/bmc.py check_over_commit_ratios, maas-api.md §4.4): a compose is admitted
 * while tracked use + request ≤ total × ratio. VMs of other LXD projects are not counted.
 */
export function serverHeadroom(host: VmHostRow, ratios: Ratios): Headroom {
  return {
    cores: host.total.cores * ratios.cpu - host.used.cores,
    memoryMiB: host.total.memoryMiB * ratios.memory - host.used.memoryMiB,
  };
}

/**
 * The MAAS UI's stricter rule (maas-ui resourceWithOverCommit): it also subtracts what VMs outside
 * the tracked project use, so it never offers room the hypervisor has already given away.
 */
export function uiHeadroom(host: VmHostRow, ratios: Ratios): Headroom {
  const server = serverHeadroom(host, ratios);
  return {
    cores: server.cores - host.usedOther.cores,
    memoryMiB: server.memoryMiB - host.usedOther.memoryMiB,
  };
}

export function ratiosOf(host: VmHostRow): Ratios {
  return { cpu: host.cpuOverCommitRatio, memory: host.memoryOverCommitRatio };
}

/** MAAS accepts over-commit ratios from 0 to 10 (forms/pods.py). */
export const RATIO_LIMITS = { min: 0, max: 10 } as const;

export function clampRatio(value: number): number {
  const clamped = Math.min(RATIO_LIMITS.max, Math.max(RATIO_LIMITS.min, value));
  return Math.round(clamped * 100) / 100;
}
