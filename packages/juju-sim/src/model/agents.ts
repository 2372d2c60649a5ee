import type { ReadinessNeed } from '../charms/types.js';
import { type Relation, status, type Unit } from './entities.js';
import type { Model } from './model.js';
import { TIMINGS } from './timings.js';
import { applyLostUnits } from './unit-presence.js';
import { reportWorkloadVersion } from './upgrades.js';

/** Phases whose workload serves: an upgrade-charm hook or a pending manual upgrade leave it running. */
const SERVING = new Set<Unit['phase']>(['active', 'upgrading', 'needs-upgrade']);

/**
 * The unit agents of a model, on the compressed clock: allocating until the machine agent is up, install
 * hook (maintenance), start hook, then waiting/blocked until every relation the charm needs has an active
 * unit on the other side (control plane waits for etcd; workers wait for the control plane), then the
 * relation-changed hooks (maintenance) and finally active/idle. Re-evaluated on every model change.
 */
export class UnitAgents {
  private readonly busy = new Set<string>();

  constructor(private readonly model: Model) {
    model.on('change', () => this.reconcile());
  }

  reconcile(): void {
    // Before the agents act: a unit the unitsLost fault names runs nothing (it is lost once installed).
    applyLostUnits(this.model);
    for (const unit of this.model.units.values()) this.step(unit);
    for (const relation of this.model.relations.values()) this.updateRelationStatus(relation);
  }

  private step(unit: Unit): void {
    if (unit.life !== 'alive' || this.busy.has(unit.name)) return;
    switch (unit.phase) {
      case 'allocating':
        if (this.hostReady(unit)) this.install(unit);
        return;
      case 'settled':
      case 'active':
        this.evaluateReadiness(unit);
        return;
      default:
        return;
    }
  }

  private hostReady(unit: Unit): boolean {
    if (unit.principal) {
      const principal = this.model.units.get(unit.principal);
      return principal !== undefined && principal.phase !== 'allocating' && principal.phase !== 'error';
    }
    return this.model.machines.get(unit.machineId)?.started === true;
  }

  private run(unit: Unit, simulatedMs: number, then: () => void): void {
    this.busy.add(unit.name);
    this.model.env.clock.after(simulatedMs, () => {
      this.busy.delete(unit.name);
      // A unit lost mid-hook never reports the hook's end; it re-runs its checks when it reconnects.
      if (unit.life === 'alive' && unit.phase !== 'lost' && this.model.units.has(unit.name)) then();
    });
  }

  private install(unit: Unit): void {
    const machine = this.model.machines.get(unit.machineId);
    unit.publicAddress = machine?.dnsName ?? unit.publicAddress;
    unit.phase = 'installing';
    this.model.setUnitStatus(
      unit,
      status('executing', 'running install hook'),
      status('maintenance', 'installing charm software'),
    );
    this.run(unit, TIMINGS.install, () => {
      const faults = this.model.env.faults.unitErrors;
      if (faults.has(unit.name) || faults.has(unit.application)) {
        unit.phase = 'error';
        const message = 'hook failed: "install"';
        this.model.setUnitStatus(unit, status('error', message), status('error', message));
        return;
      }
      this.model.setUnitStatus(unit, status('executing', 'running start hook'), undefined);
      this.run(unit, TIMINGS.start, () => {
        unit.phase = 'settled';
        this.evaluateReadiness(unit);
      });
    });
  }

  /** The first need that is not met, with the status to show for it. */
  private unmetNeed(unit: Unit): { need: ReadinessNeed; related: boolean } | undefined {
    const app = this.model.applications.get(unit.application);
    if (!app) return undefined;
    for (const need of app.charm.needs) {
      const relations = this.model
        .relationsOf(app.name)
        .filter((relation) =>
          relation.endpoints.some((ep) => ep.application === app.name && ep.name === need.endpoint),
        );
      if (relations.length === 0) return { need, related: false };
      if (!relations.some((relation) => this.remoteActive(unit, relation))) return { need, related: true };
    }
    return undefined;
  }

  private remoteActive(unit: Unit, relation: Relation): boolean {
    const remote = relation.endpoints.find((ep) => ep.application !== unit.application);
    if (!remote) return false;
    return this.model.unitsOf(remote.application).some((candidate) => {
      if (!SERVING.has(candidate.phase) || candidate.life !== 'alive') return false;
      if (relation.scope !== 'container') return true;
      // Container scope: only the subordinate beside this unit (or this subordinate's principal) counts.
      return candidate.principal === unit.name || unit.principal === candidate.name;
    });
  }

  private evaluateReadiness(unit: Unit): void {
    const unmet = this.unmetNeed(unit);
    if (unmet) {
      const workload = unmet.related
        ? status('waiting', unmet.need.waiting)
        : status(unmet.need.missing.status, unmet.need.missing.message);
      const changed =
        unit.phase !== 'settled' ||
        unit.workloadStatus.status !== workload.status ||
        unit.workloadStatus.info !== workload.info ||
        unit.agentStatus.status !== 'idle';
      unit.phase = 'settled';
      if (changed) this.model.setUnitStatus(unit, status('idle'), workload);
      return;
    }
    if (unit.phase === 'active') return;
    const app = this.model.applications.get(unit.application);
    if (!app) return;
    const hook = app.charm.needs[0]
      ? `running ${app.charm.needs[0].endpoint}-relation-changed hook`
      : 'running config-changed hook';
    unit.phase = 'configuring';
    this.model.setUnitStatus(
      unit,
      status('executing', hook),
      status('maintenance', `configuring ${app.name}`),
    );
    this.run(unit, TIMINGS.configure, () => {
      unit.phase = 'active';
      unit.openedPorts = [...app.charm.openedPorts];
      reportWorkloadVersion(this.model, unit, app);
      this.model.setUnitStatus(unit, status('idle'), status('active', app.charm.activeMessage));
    });
  }

  private updateRelationStatus(relation: Relation): void {
    if (relation.status.status === 'joined') return;
    const joined = relation.endpoints.every((ep) =>
      this.model
        .unitsOf(ep.application)
        .some((unit) => unit.phase !== 'allocating' && unit.phase !== 'installing'),
    );
    if (joined) {
      relation.status = status('joined');
      this.model.touch('relation', relation.key);
    }
  }
}
