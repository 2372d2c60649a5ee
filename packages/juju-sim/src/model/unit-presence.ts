import { status, type Unit } from './entities.js';
import type { Model } from './model.js';
import { runUpgradeCharmHook } from './upgrades.js';

/**
 * Juju's status strings for an agent that stopped talking to the controller (juju/juju
 * apiserver/common/unitstatus.go, ModelPresenceContext.MachineStatus and .UnitStatus, which FullStatus
 * applies): a machine whose agent is not alive shows agent status `down`; a unit whose agent is not alive
 * shows agent status `lost`, "agent is not communicating with the server", and its workload `unknown`,
 * "agent lost, see 'juju show-status-log <unit>'" — except a workload in `error`, kept so the error is
 * still there when the agent reconnects. Units still allocating or installing are never shown lost
 * (canBeLost there). core/status/status.go names the values (status.Lost, status.Down, status.Unknown).
 */
export const AGENT_GONE_MESSAGE = 'agent is not communicating with the server';
export const lostWorkloadMessage = (unit: string) => `agent lost, see 'juju show-status-log ${unit}'`;

/** Its machine's agent is down: nothing on it can run a hook. */
function machineDown(model: Model, machineId: string): boolean {
  return model.machines.get(machineId)?.agentStatus.status === 'down';
}

/** Its agent is not talking to the controller (unitsLost, its machine down, or captured lost): it runs no hook. */
export function agentLost(unit: Unit): boolean {
  return unit.phase === 'lost';
}

/** Juju's canBeLost: an agent still being set up (allocating, install hook) is not asked about. */
function canBeLost(unit: Unit): boolean {
  return unit.life !== 'dead' && unit.phase !== 'allocating' && unit.phase !== 'installing';
}

/** The unit agent stops talking: status as Juju reports it, and no hook of it runs until it is back. */
export function loseUnit(model: Model, unit: Unit, cause: 'fault' | 'machine'): void {
  unit.lostFrom ??= {
    phase: unit.phase,
    agentStatus: unit.agentStatus,
    workloadStatus: unit.workloadStatus,
    cause,
  };
  unit.phase = 'lost';
  const workload =
    unit.workloadStatus.status === 'error' ? undefined : status('unknown', lostWorkloadMessage(unit.name));
  model.setUnitStatus(unit, status('lost', AGENT_GONE_MESSAGE), workload);
}

/** Phases with no hook in flight: a reconnected agent is where it was (paused stays paused). */
const STEADY = new Set<Unit['phase']>(['settled', 'active', 'error', 'paused', 'needs-upgrade']);

/**
 * The unit agent reconnects: back where it was when nothing was in flight; otherwise it re-runs its
 * readiness checks (a hook cut short by the loss never reported its end). A refresh made while it was
 * away runs its upgrade-charm hook now, as Juju's uniter does when it sees the new charm URL.
 */
export function reconnectUnit(model: Model, unit: Unit): void {
  const before = unit.lostFrom;
  delete unit.lostFrom;
  if (before !== undefined && STEADY.has(before.phase)) {
    unit.phase = before.phase;
    model.setUnitStatus(unit, before.agentStatus, before.workloadStatus);
  } else if (unit.workloadStatus.status === 'error') {
    // Lost in a snapshot (no record of before): a failed hook is still failed.
    unit.phase = 'error';
    model.setUnitStatus(unit, status('error', unit.workloadStatus.info), undefined);
  } else {
    // UnitAgents picks up 'settled' and evaluates the unit's relations again.
    unit.phase = 'settled';
    model.setUnitStatus(unit, status('idle'), status('waiting', 'agent reconnected'));
  }
  const app = model.applications.get(unit.application);
  if (app && unit.life === 'alive' && unit.phase !== 'error' && unit.charmUrl !== app.charmUrl)
    runUpgradeCharmHook(model, unit, app);
}

/** Whether the `unitsLost` fault names this unit. */
export function lostByFault(model: Model, unit: Unit): boolean {
  return model.env.faults.unitsLost.has(unit.name);
}

/**
 * Brings units in line with the `unitsLost` fault: named units are lost (once they can be: a unit that
 * is still installing is lost when it finishes); units the fault lost and no longer names come back,
 * unless their machine is down (the instance poller brings those back with their machine). A unit lost
 * for another reason (its machine, or lost at the real site a twin was restored from) is not the fault's
 * to bring back.
 */
export function applyLostUnits(model: Model): void {
  for (const unit of model.units.values()) {
    if (agentLost(unit)) {
      if (
        unit.lostFrom?.cause === 'fault' &&
        !lostByFault(model, unit) &&
        !machineDown(model, unit.machineId)
      )
        reconnectUnit(model, unit);
    } else if (lostByFault(model, unit) && canBeLost(unit)) {
      loseUnit(model, unit, 'fault');
    }
  }
}
