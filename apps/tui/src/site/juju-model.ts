import type { Delta } from '@edgekit/juju-client';

/** One Juju model as the AllWatcher describes it, kept up to date by applying deltas. */
export interface JujuUnitRow {
  name: string;
  application: string;
  machine: string;
  workload: string;
  agent: string;
  message: string;
  address: string;
  subordinate: boolean;
}

export interface JujuApplicationRow {
  name: string;
  charm: string;
  status: string;
  message: string;
  exposed: boolean;
  subordinate: boolean;
}

export interface JujuMachineRow {
  id: string;
  instanceId: string;
  hostname: string;
  agent: string;
  instance: string;
  message: string;
}

export interface JujuRelationRow {
  id: number;
  key: string;
}

export interface JujuModelState {
  model: string;
  applications: ReadonlyMap<string, JujuApplicationRow>;
  units: ReadonlyMap<string, JujuUnitRow>;
  machines: ReadonlyMap<string, JujuMachineRow>;
  relations: ReadonlyMap<number, JujuRelationRow>;
}

export const EMPTY_MODEL: JujuModelState = {
  model: '',
  applications: new Map(),
  units: new Map(),
  machines: new Map(),
  relations: new Map(),
};

/** Applies one AllWatcher batch; entities of unknown kinds (annotations, charms…) are ignored. */
export function applyDeltas(state: JujuModelState, deltas: readonly Delta[]): JujuModelState {
  const applications = new Map(state.applications);
  const units = new Map(state.units);
  const machines = new Map(state.machines);
  const relations = new Map(state.relations);
  let model = state.model;
  for (const delta of deltas) {
    switch (delta.kind) {
      case 'application': {
        const e = delta.entity;
        if (delta.removed) applications.delete(e.name);
        else
          applications.set(e.name, {
            name: e.name,
            charm: charmName(e['charm-url']),
            status: e.status.current,
            message: e.status.message,
            exposed: e.exposed,
            subordinate: e.subordinate,
          });
        break;
      }
      case 'unit': {
        const e = delta.entity;
        if (delta.removed) units.delete(e.name);
        else
          units.set(e.name, {
            name: e.name,
            application: e.application,
            machine: e['machine-id'],
            workload: e['workload-status'].current,
            agent: e['agent-status'].current,
            message: e['workload-status'].message,
            address: e['public-address'] || e['private-address'],
            subordinate: e.subordinate,
          });
        break;
      }
      case 'machine': {
        const e = delta.entity;
        if (delta.removed) machines.delete(e.id);
        else
          machines.set(e.id, {
            id: e.id,
            instanceId: e['instance-id'],
            hostname: e.hostname ?? '',
            agent: e['agent-status'].current,
            instance: e['instance-status'].current,
            message: e['instance-status'].message,
          });
        break;
      }
      case 'relation': {
        const e = delta.entity;
        if (delta.removed) relations.delete(e.id);
        else relations.set(e.id, { id: e.id, key: e.key });
        break;
      }
      case 'model':
        if (!delta.removed) model = delta.entity.name;
        break;
      default:
        break;
    }
  }
  return { model, applications, units, machines, relations };
}

/** `ch:amd64/kubernetes-control-plane-567` → `kubernetes-control-plane`. */
function charmName(url: string): string {
  const last = url.split('/').pop() ?? url;
  return last.replace(/^[a-z]+:/, '').replace(/-\d+$/, '');
}

/** Units by application, principals first, in name order: the shape `juju status` prints. */
export function unitsOf(state: JujuModelState, application: string): JujuUnitRow[] {
  return [...state.units.values()]
    .filter((unit) => unit.application === application)
    .sort((a, b) => unitNumber(a.name) - unitNumber(b.name));
}

function unitNumber(name: string): number {
  return Number(name.split('/')[1] ?? 0);
}

/** True when the model has units and every one is active and idle: a finished deployment. */
export function allActive(state: JujuModelState): boolean {
  const units = [...state.units.values()];
  return units.length > 0 && units.every((unit) => unit.workload === 'active' && unit.agent === 'idle');
}

export interface JujuSummary {
  model: string;
  applications: number;
  units: number;
  activeUnits: number;
  machines: number;
  relations: number;
}

export function summarise(state: JujuModelState): JujuSummary {
  const units = [...state.units.values()];
  return {
    model: state.model,
    applications: state.applications.size,
    units: units.length,
    activeUnits: units.filter((u) => u.workload === 'active').length,
    machines: state.machines.size,
    relations: state.relations.size,
  };
}
