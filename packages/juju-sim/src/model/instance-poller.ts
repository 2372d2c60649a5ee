import type { InstanceState } from '../provisioner/types.js';
import { type Machine, status } from './entities.js';
import type { Model } from './model.js';

/**
 * Juju's status strings for an agent that stopped talking (juju/juju apiserver/facades/client/client
 * status.go: a machine whose agent presence is lost shows agent status `down`; a unit whose agent is not
 * alive shows `lost` with its workload `unknown`, "agent lost, see 'juju show-status-log <unit>'").
 */
export const AGENT_GONE_MESSAGE = 'agent is not communicating with the server';
export const lostWorkloadMessage = (unit: string) => `agent lost, see 'juju show-status-log ${unit}'`;

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
    if (unit.machineId !== machine.id || unit.life === 'dead') continue;
    unit.phase = 'lost';
    model.setUnitStatus(
      unit,
      status('lost', AGENT_GONE_MESSAGE),
      status('unknown', lostWorkloadMessage(unit.name)),
    );
  }
}

function markUp(model: Model, machine: Machine): void {
  model.setMachineStatus(machine, 'agentStatus', status('started'));
  for (const unit of model.units.values()) {
    if (unit.machineId !== machine.id || unit.phase !== 'lost') continue;
    // The unit agent reconnects and re-runs its readiness checks (UnitAgents picks up 'settled').
    unit.phase = 'settled';
    model.setUnitStatus(unit, status('idle'), status('waiting', 'agent reconnected'));
  }
}

/** Whether the unit's machine agent is down: nothing on it can run a hook. */
export function machineDown(model: Model, machineId: string): boolean {
  return model.machines.get(machineId)?.agentStatus.status === 'down';
}
