import {
  ApplicationDelta,
  MachineDelta,
  ModelDelta,
  RelationDelta,
  type StatusInfo,
  UnitDelta,
} from '../schemas/deltas.js';
import type { DetailedStatus, FullStatus, MachineStatus, UnitStatus } from '../schemas/generated.js';
import { emptyModelState, type ModelState } from './model-state.js';

/**
 * Builds the AllWatcher view of a model from FullStatus, for controllers without an AllWatcher
 * (Juju 4.x). Entities are produced through the delta schemas so both paths yield the same shapes.
 */
export function stateFromFullStatus(status: FullStatus, modelUUID: string): ModelState {
  const state = emptyModelState();
  const base = { 'model-uuid': modelUUID };
  state.model = ModelDelta.parse({
    ...base,
    name: status.model.name,
    status: info(status.model['model-status']),
  });
  const addMachine = (machine: MachineStatus): void => {
    state.machines.set(
      machine.id,
      MachineDelta.parse({
        ...base,
        id: machine.id,
        'instance-id': machine['instance-id'],
        'agent-status': info(machine['agent-status']),
        'instance-status': info(machine['instance-status']),
        base: machine.base,
        jobs: machine.jobs,
        'has-vote': machine['has-vote'],
        'wants-vote': machine['wants-vote'],
        hostname: machine.hostname,
        'container-type': machine.id.split('/')[1] ?? '',
      }),
    );
    for (const child of Object.values(machine.containers ?? {})) addMachine(child);
  };
  for (const machine of Object.values(status.machines)) addMachine(machine);
  for (const [name, app] of Object.entries(status.applications)) {
    state.applications.set(
      name,
      ApplicationDelta.parse({
        ...base,
        name,
        exposed: app.exposed,
        'charm-url': app.charm,
        life: app.life,
        subordinate: (app['subordinate-to'] ?? []).length > 0,
        status: info(app.status),
        'workload-version': app['workload-version'],
      }),
    );
    const addUnit = (unitName: string, unit: UnitStatus, principal: string): void => {
      state.units.set(
        unitName,
        UnitDelta.parse({
          ...base,
          name: unitName,
          application: unitName.split('/')[0],
          'charm-url': unit.charm || app.charm,
          'public-address': unit['public-address'],
          'private-address': unit.address,
          'machine-id': unit.machine,
          principal,
          subordinate: principal !== '',
          'workload-status': info(unit['workload-status']),
          'agent-status': info(unit['agent-status']),
        }),
      );
      for (const [subName, sub] of Object.entries(unit.subordinates ?? {})) addUnit(subName, sub, unitName);
    };
    for (const [unitName, unit] of Object.entries(app.units ?? {})) addUnit(unitName, unit, '');
  }
  for (const relation of status.relations) {
    state.relations.set(
      relation.key,
      RelationDelta.parse({
        ...base,
        key: relation.key,
        id: relation.id,
        endpoints: relation.endpoints.map((e) => ({
          'application-name': e.application,
          relation: { name: e.name, role: e.role, interface: relation.interface, scope: relation.scope },
        })),
      }),
    );
  }
  return state;
}

function info(status: DetailedStatus | null | undefined): StatusInfo {
  return {
    current: status?.status ?? '',
    message: status?.info ?? '',
    since: status?.since ?? null,
    version: status?.version ?? '',
    data: status?.data ?? {},
  };
}
