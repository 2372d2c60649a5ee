import type { InventorySnapshot, Plan } from '@edgekit/edge-core';

/** One VM host a plan puts VMs on: what it will carry, against its capacity with over-commit. */
export interface HostSummary {
  host: string;
  zone: string;
  vms: number;
  cores: { used: number; capacity: number; ratio: number };
  memoryMiB: { used: number; capacity: number; ratio: number };
}

/**
 * Per VM host, what the plan composes there on top of what the host already carries, against its
 * capacity (physical × over-commit ratio, the plan's new ratio where it changes one): the lines a
 * person reads before applying, instead of the whole document.
 */
export function hostSummaries(plan: Plan, snapshot: InventorySnapshot): HostSummary[] {
  const roles = plan.workload.roles;
  const rows: HostSummary[] = [];
  for (const host of snapshot.vmHosts) {
    const planned = plan.placement.machines.filter(
      (m) => m.target.kind === 'vm' && m.target.vmHostId === host.id,
    );
    if (planned.length === 0) continue;
    const update = plan.outputs.ratioUpdates.find((u) => u.vmHostId === host.id)?.params;
    const cpuRatio = update?.cpu_over_commit_ratio ?? host.cpuOverCommitRatio;
    const memoryRatio = update?.memory_over_commit_ratio ?? host.memoryOverCommitRatio;
    const sum = (pick: (role: { cores: number; memoryMiB: number }) => number) =>
      planned.reduce((total, m) => total + (roles[m.role] ? pick(roles[m.role]!) : 0), 0);
    rows.push({
      host: host.name,
      zone: host.zone.name,
      vms: planned.length,
      cores: {
        used: host.used.cores + sum((r) => r.cores),
        capacity: host.total.cores * cpuRatio,
        ratio: cpuRatio,
      },
      memoryMiB: {
        used: host.used.memoryMiB + sum((r) => r.memoryMiB),
        capacity: host.total.memoryMiB * memoryRatio,
        ratio: memoryRatio,
      },
    });
  }
  return rows;
}

const gib = (mib: number) => `${Math.round((mib / 1024) * 10) / 10}G`;
const round = (n: number) => String(Math.round(n * 10) / 10);

export function hostSummaryLines(rows: readonly HostSummary[]): string[] {
  const header = `  ${'VM HOST'.padEnd(14)} ${'ZONE'.padEnd(10)} ${'VMS'.padStart(3)}  ${'CORES used/capacity (left)'.padEnd(28)} MEMORY used/capacity (left)`;
  return [
    header,
    ...rows.map((row) => {
      const cores = `${round(row.cores.used)}/${round(row.cores.capacity)} (${round(row.cores.capacity - row.cores.used)}) ×${row.cores.ratio}`;
      const memory = `${gib(row.memoryMiB.used)}/${gib(row.memoryMiB.capacity)} (${gib(row.memoryMiB.capacity - row.memoryMiB.used)}) ×${row.memoryMiB.ratio}`;
      return `  ${row.host.padEnd(14)} ${row.zone.padEnd(10)} ${String(row.vms).padStart(3)}  ${cores.padEnd(28)} ${memory}`;
    }),
  ];
}
