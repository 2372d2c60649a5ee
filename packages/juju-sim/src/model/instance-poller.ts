import type { InstanceState } from '../provisioner/types.js';
import { type Machine, status } from './entities.js';
import type { Model } from './model.js';
import { AGENT_GONE_MESSAGE, agentLost, loseUnit, lostByFault, reconnectUnit } from './unit-presence.js';

/** Applies one poll's answer to a model: machines whose instance is not running go down, and back up. */
export function applyInstanceStates(model: Model, states: Map<string, InstanceState>): void {
  for (const machine of model.machines.values()) {
    if (machine.life !== 'alive' || !machine.started) continue;
    const state = states.get(machine.instanceId);
    if (state === undefined) continue;
    const down = machine.agentStatus.status === 'down';
    if (state !== 'running' && !down) markDown(model, machine);
    else if (state === 'running' && down) markUp(model, machine);
  }
}

function markDown(model: Model, machine: Machine): void {
  model.setMachineStatus(machine, 'agentStatus', status('down', AGENT_GONE_MESSAGE));
  for (const unit of model.units.values()) {
    if (unit.machineId === machine.id && unit.life !== 'dead' && !agentLost(unit))
      loseUnit(model, unit, 'machine');
  }
}

function markUp(model: Model, machine: Machine): void {
  model.setMachineStatus(machine, 'agentStatus', status('started'));
  for (const unit of model.units.values()) {
    // A unit the unitsLost fault names stays lost with its machine back.
    if (unit.machineId !== machine.id || !agentLost(unit) || lostByFault(model, unit)) continue;
    reconnectUnit(model, unit);
  }
}
