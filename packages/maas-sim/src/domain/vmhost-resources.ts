import type { VirtualMachineRec, VmHostRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import type { MaasVersion } from '../version.js';

export interface ResourceTriple {
  cores: number;
  memory: number;
  local_storage: number;
}

/**
 * VMs counted as "used" on a host. 3.x counts VirtualMachine rows in the host's tracked LXD project only
 * (models/virtualmachine.py `get_vm_host_used_resources`); 2.9 counts the MAAS machines on the pod.
 */
export function trackedVms(state: SimState, host: VmHostRec, version: MaasVersion): VirtualMachineRec[] {
  return state.data.virtualMachines.filter(
    (vm) =>
      vm.hostId === host.id && (version === '2.9' ? vm.machineId !== null : vm.project === host.project),
  );
}

export const vmCores = (vm: VirtualMachineRec): number => vm.unpinnedCores + vm.pinnedCores.length;
export const vmStorage = (vm: VirtualMachineRec): number => vm.disks.reduce((sum, d) => sum + d.size, 0);

export function hostTotal(host: VmHostRec): ResourceTriple {
  return {
    cores: host.cores,
    memory: host.memory,
    local_storage: host.storagePools.reduce((sum, p) => sum + p.total, 0),
  };
}

export function hostUsed(state: SimState, host: VmHostRec, version: MaasVersion): ResourceTriple {
  const vms = trackedVms(state, host, version);
  return {
    cores: vms.reduce((sum, vm) => sum + vmCores(vm), 0),
    // General memory plus hugepages-backed memory: both count as used.
    memory: vms.reduce((sum, vm) => sum + vm.memory, 0),
    local_storage: vms.reduce((sum, vm) => sum + vmStorage(vm), 0),
  };
}

/** Bytes used on one storage pool by tracked VMs. */
export function poolUsed(state: SimState, host: VmHostRec, poolId: string, version: MaasVersion): number {
  return trackedVms(state, host, version)
    .flatMap((vm) => vm.disks)
    .filter((d) => d.poolId === poolId)
    .reduce((sum, d) => sum + d.size, 0);
}
