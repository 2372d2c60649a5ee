import { unavailable } from '../errors.js';
import type { MachineRec, VmHostRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import { NodeStatus } from './status.js';

/**
 * A VM host that lost power (the `_sim` control API's `fail`), and its return (`restore`).
 *
 * What MAAS shows, by canonical/maas: node status is never changed by a power loss (only actions change
 * it), so machines stay Deployed. The host machine's BMC answers, so its `power_state` is `off`. Its VMs'
 * power is queried through the LXD pod driver, which cannot reach the host: MAAS's periodic power check
 * records `power_state: error` (src/maasserver/models/node.py `update_power_state`, the driver's
 * failure), and synchronous calls through the driver fail as PowerProblem/PodProblem, 503 without
 * Retry-After (maasserver/api/support.py maps them; maas-api.md §errors).
 */
export function vmsOfHost(state: SimState, host: VmHostRec): MachineRec[] {
  return state.data.machines.filter((m) => m.podId === host.id);
}

function hostMachine(state: SimState, host: VmHostRec): MachineRec | undefined {
  return host.hostSystemId ? state.data.machines.find((m) => m.systemId === host.hostSystemId) : undefined;
}

export function failVmHost(state: SimState, host: VmHostRec): MachineRec[] {
  host.failed = true;
  const machine = hostMachine(state, host);
  if (machine) {
    machine.powerState = 'off';
    state.addEvent(machine, 'Powered off', 'power lost (maas-sim control API)', 'WARNING');
  }
  const vms = vmsOfHost(state, host);
  for (const vm of vms) {
    vm.powerState = 'error';
    state.addEvent(vm, "Failed to query node's BMC", `Failed talking to VM host '${host.name}'.`, 'ERROR');
  }
  state.touch();
  return vms;
}

export function restoreVmHost(state: SimState, host: VmHostRec): MachineRec[] {
  host.failed = false;
  const machine = hostMachine(state, host);
  if (machine && machine.status === NodeStatus.DEPLOYED) {
    machine.powerState = 'on';
    state.addEvent(machine, 'Powered on', 'power restored (maas-sim control API)', 'INFO');
  }
  const vms = vmsOfHost(state, host);
  // LXD restarts the instances MAAS deployed (boot.autostart), so deployed VMs come back on.
  for (const vm of vms) vm.powerState = vm.status === NodeStatus.DEPLOYED ? 'on' : 'off';
  state.touch();
  return vms;
}

/** The pod driver cannot reach a failed host: compose, refresh and the VMs' power calls fail with 503. */
export function requireReachable(host: VmHostRec | undefined): void {
  if (host?.failed)
    throw unavailable(
      `Failed talking to VM host: unable to connect to '${host.name}' (${host.powerAddress}).`,
    );
}
