import type { VmRequestInput } from '../model/schemas.js';
import type { WorkloadInput } from '../plan/workload.js';

type RoleInput = WorkloadInput['roles'][string];

/**
 * A placement VM request as a workload role (machines only; the caller says which applications ride
 * on it): MiB memory, disks in GB (MAAS compose's unit), anti-affinity scope and spread kept.
 */
export function roleFromVmRequest(vm: VmRequestInput, applications: string[]): RoleInput {
  const memory = typeof vm.memory === 'number' ? vm.memory : Number.NaN;
  const disks = (vm.disks ?? [{ size: 8 * 2 ** 30 }]).map((disk) => ({
    sizeGB: Math.ceil((typeof disk.size === 'number' ? disk.size : Number.NaN) / 2 ** 30),
    ...(disk.pool === undefined ? {} : { pool: disk.pool }),
  }));
  return {
    count: vm.count ?? 1,
    cores: vm.cores ?? 1,
    memoryMiB: Number.isFinite(memory) ? memory : 2048,
    disks,
    ...(vm.zones === undefined ? {} : { zones: vm.zones }),
    ...(vm.antiAffinity === undefined
      ? {}
      : {
          antiAffinity: {
            scope: vm.antiAffinity.scope ?? 'host',
            maxPerDomain: vm.antiAffinity.maxPerDomain ?? 1,
          },
        }),
    applications,
  };
}
