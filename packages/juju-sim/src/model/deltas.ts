import { wireCharmRelation } from '../charms/catalogue.js';
import type { StatusValue } from './entities.js';
import type { EntityKind, Model } from './model.js';

/** Watcher `StatusInfo` (rpc/params/multiwatcher.go) differs from FullStatus' DetailedStatus. */
function statusInfo(value: StatusValue): Record<string, unknown> {
  return {
    current: value.status,
    message: value.info,
    since: value.since.toISOString(),
    version: '',
    ...(value.data ? { data: value.data } : {}),
  };
}

const life = (value: string) => (value === 'alive' ? 'alive' : value);

/** Renders one entity the way the 3.x AllWatcher sends it, or undefined if it no longer exists. */
export function renderEntity(
  model: Model,
  kind: EntityKind,
  id: string,
): Record<string, unknown> | undefined {
  const common = { 'model-uuid': model.uuid };
  switch (kind) {
    case 'model':
      return {
        ...common,
        name: model.name,
        life: life(model.life),
        owner: model.owner,
        'controller-uuid': model.env.controllerUUID,
        'is-controller': false,
        config: model.config,
        status: statusInfo(model.modelStatus),
        constraints: {},
        sla: { level: 'unsupported', owner: model.owner },
      };
    case 'machine': {
      const machine = model.machines.get(id);
      if (!machine) return undefined;
      return {
        ...common,
        id: machine.id,
        'instance-id': machine.instanceId,
        'agent-status': statusInfo(machine.agentStatus),
        'instance-status': statusInfo(machine.instanceStatus),
        life: life(machine.life),
        base: `${machine.base.name}@${machine.base.channel}`,
        'container-type': '',
        'supported-containers': ['lxd'],
        'supported-containers-known': machine.started,
        ...(machine.hardware
          ? {
              'hardware-characteristics': {
                arch: machine.hardware.arch,
                mem: machine.hardware.mem,
                'root-disk': machine.hardware.rootDisk,
                'cpu-cores': machine.hardware.cores,
                ...(machine.hardware.zone ? { 'availability-zone': machine.hardware.zone } : {}),
              },
            }
          : {}),
        jobs: machine.jobs,
        addresses: machine.ipAddresses.map((value) => ({ value, type: 'ipv4', scope: 'local-cloud' })),
        'has-vote': false,
        'wants-vote': false,
        ...(machine.hostname ? { hostname: machine.hostname } : {}),
      };
    }
    case 'application': {
      const app = model.applications.get(id);
      if (!app) return undefined;
      return {
        ...common,
        name: app.name,
        exposed: app.exposed,
        'charm-url': app.charmUrl,
        'owner-tag': '',
        life: life(app.life),
        'min-units': 0,
        constraints: app.constraints,
        config: app.config,
        subordinate: app.charm.subordinate,
        // The simulated charms set no application status, so it is `unset`, as Juju's AllWatcher sends
        // it: clients derive what `juju status` shows from the units (FullStatus derives it server-side).
        status: statusInfo({ status: 'unset', info: '', since: model.created }),
        'workload-version': app.workloadVersion,
      };
    }
    case 'unit': {
      const unit = model.units.get(id);
      if (!unit) return undefined;
      const app = model.applications.get(unit.application);
      const ports = unit.openedPorts.map((spec) => {
        const [number, protocol] = spec.split('/');
        return { protocol: protocol ?? 'tcp', number: Number(number) };
      });
      return {
        ...common,
        name: unit.name,
        application: unit.application,
        base: app ? `${app.base.name}@${app.base.channel}` : '',
        // The unit's own charm: it lags the application's until its upgrade-charm hook has run.
        'charm-url': unit.charmUrl,
        life: life(unit.life),
        'public-address': unit.publicAddress,
        'private-address': unit.publicAddress,
        'machine-id': unit.principal ? '' : unit.machineId,
        ports,
        'port-ranges': ports.map((port) => ({
          'from-port': port.number,
          'to-port': port.number,
          protocol: port.protocol,
        })),
        principal: unit.principal ?? '',
        subordinate: unit.principal !== undefined,
        'workload-status': statusInfo(unit.workloadStatus),
        'agent-status': statusInfo(unit.agentStatus),
      };
    }
    case 'relation': {
      const relation = [...model.relations.values()].find((candidate) => candidate.key === id);
      if (!relation) return undefined;
      return {
        ...common,
        key: relation.key,
        id: relation.id,
        endpoints: relation.endpoints.map((ep) => ({
          'application-name': ep.application,
          relation: wireCharmRelation(ep),
        })),
      };
    }
    case 'charm': {
      const app = [...model.applications.values()].find((candidate) => candidate.charmUrl === id);
      const added = model.charms.get(id);
      const charm = app?.charm ?? added?.charm;
      if (!charm) return undefined;
      return { ...common, 'charm-url': id, 'charm-version': '', life: 'alive', profile: null, config: {} };
    }
    case 'annotation': {
      const annotations = model.annotations.get(id);
      if (!annotations) return undefined;
      return { ...common, tag: id, annotations };
    }
    case 'action': {
      const action = model.actions.get(id);
      if (!action) return undefined;
      return {
        ...common,
        id: action.id,
        receiver: action.receiver,
        name: action.name,
        parameters: action.parameters,
        status: action.status,
        message: action.message,
        results: action.output,
        enqueued: action.enqueued.toISOString(),
        started: (action.started ?? new Date(0)).toISOString(),
        completed: (action.completed ?? new Date(0)).toISOString(),
      };
    }
  }
}

/** `[kind, "change"|"remove", entity]` tuples, the real wire form of AllWatcher deltas (LP #2025105). */
export type Delta = [EntityKind, 'change' | 'remove', Record<string, unknown>];

export function deltasSince(model: Model, since: number): Delta[] {
  const { changed, removed } = model.changesSince(since);
  const deltas: Delta[] = [];
  for (const { kind, id } of changed) {
    const entity = renderEntity(model, kind, id);
    if (entity) deltas.push([kind, 'change', entity]);
  }
  for (const removal of removed) {
    deltas.push([removal.kind, 'remove', { 'model-uuid': model.uuid, ...removal.entity }]);
  }
  return deltas;
}
