import { INPUT_LIMITS } from '../model/limits.js';
import { PlanInputError } from '../plan/errors.js';
import type { ComposeRequest, PlannedMachine } from '../plan/schema.js';
import type { Role } from '../plan/workload.js';

/**
 * MAAS compose `storage` spec: `label:sizeGB(pool),...`, first entry the root disk. A tag equal to a
 * pool name selects that pool (LXD driver, maas-api.md §4.2), so naming the pool pins the disk to it.
 */
export function storageSpec(role: Pick<Role, 'disks'>, pools: readonly string[]): string {
  return role.disks
    .map((disk, index) => {
      // Whole GB only: String(1e-7) and String(1e21) are exponent forms MAAS's `[0-9.]+` cannot read.
      if (!(Number.isInteger(disk.sizeGB) && disk.sizeGB > 0 && disk.sizeGB <= INPUT_LIMITS.diskGB)) {
        throw new PlanInputError(
          `disk ${index} size ${disk.sizeGB} GB is not a whole number of GB from 1 to ${INPUT_LIMITS.diskGB}`,
        );
      }
      return `${index === 0 ? 'root' : `disk${index}`}:${disk.sizeGB}(${pools[index] ?? pools[0]})`;
    })
    .join(',');
}

/** The compose request of one planned VM; zone and pool go by id, as ComposeMachineForm expects. */
export function composeRequest(machine: PlannedMachine, role: Role): ComposeRequest | undefined {
  if (machine.target.kind !== 'vm') return undefined;
  return {
    vmHostId: machine.target.vmHostId,
    vmHostName: machine.target.vmHostName,
    role: machine.role,
    params: {
      hostname: machine.hostname,
      cores: role.cores,
      memory: role.memoryMiB,
      storage: storageSpec(role, machine.target.storagePools),
      zone: machine.zone.id,
      pool: machine.pool.id,
    },
  };
}
