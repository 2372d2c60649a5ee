import { charmEndpoints } from '../charms/catalogue.js';
import { alreadyExists, notFound, notValid, RpcError } from '../rpc/errors.js';
import type { Constraints } from './constraints.js';
import { type Application, type Base, type Relation, status, type Unit } from './entities.js';
import { addMachine } from './machines.js';
import type { AddedCharm, Model } from './model.js';
import { assertNewRelation, inferEndpoints, relationKey, relationScope } from './relations.js';
import { TIMINGS } from './timings.js';
import { agentLost } from './unit-presence.js';
import { trackOf } from './upgrades.js';

/** A unit placement: a new machine (optionally with a directive), or an existing machine id. */
export type UnitPlacement = { kind: 'new'; directive?: string } | { kind: 'machine'; id: string };

export interface DeploySpec {
  name: string;
  charm: AddedCharm;
  base: Base;
  channel: string;
  numUnits: number;
  config: Record<string, unknown>;
  constraints: Constraints;
  placements: UnitPlacement[];
  endpointBindings: Record<string, string>;
}

const APP_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*$/;

/** `etcd/1`: an application name as Juju allows one, a slash, a unit number. */
export function isUnitName(name: string): boolean {
  const slash = name.lastIndexOf('/');
  return APP_NAME.test(name.slice(0, slash)) && /^\d+$/.test(name.slice(slash + 1));
}

export function getApplication(model: Model, name: string): Application {
  const app = model.applications.get(name);
  if (!app || app.life === 'dead') throw notFound(`application ${JSON.stringify(name)} not found`);
  return app;
}

export function validateConfig(app: { charm: Application['charm'] }, config: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(config)) {
    const option = app.charm.config[key];
    if (!option) throw notValid(`unknown option ${JSON.stringify(key)}`);
    const expected = option.type === 'int' || option.type === 'float' ? 'number' : option.type;
    if (value !== null && typeof value !== expected && typeof value !== 'string') {
      throw notValid(`option ${JSON.stringify(key)} expected ${option.type}, got ${JSON.stringify(value)}`);
    }
  }
}

export function deploy(model: Model, spec: DeploySpec): Application {
  if (!APP_NAME.test(spec.name)) throw notValid(`invalid application name ${JSON.stringify(spec.name)}`);
  const existing = model.applications.get(spec.name);
  if (existing)
    throw alreadyExists(`cannot add application ${JSON.stringify(spec.name)}: application already exists`);
  if (spec.charm.charm.subordinate && spec.numUnits > 0) {
    throw notValid('subordinate application must be deployed without units');
  }
  const app: Application = {
    name: spec.name,
    charm: spec.charm.charm,
    charmUrl: spec.charm.url,
    channel: spec.channel,
    revision: spec.charm.revision,
    base: spec.base,
    config: {},
    constraints: spec.constraints,
    exposed: false,
    exposedEndpoints: {},
    life: 'alive',
    nextUnit: 0,
    workloadVersion: '',
    endpointBindings: {
      '': 'alpha',
      ...Object.fromEntries(charmEndpoints(spec.charm.charm).map((ep) => [ep.name, 'alpha'])),
      ...spec.endpointBindings,
    },
  };
  validateConfig(app, spec.config);
  app.config = { ...spec.config };
  model.applications.set(app.name, app);
  model.touch('application', app.name);
  model.touch('charm', app.charmUrl);
  addPeerRelations(model, app);
  if (spec.numUnits > 0) addUnits(model, app.name, spec.numUnits, spec.placements);
  return app;
}

function newUnit(model: Model, app: Application, machineId: string, principal?: string): Unit {
  const name = `${app.name}/${app.nextUnit++}`;
  const machine = model.machines.get(machineId);
  const unit: Unit = {
    name,
    application: app.name,
    machineId,
    ...(principal !== undefined ? { principal } : {}),
    life: 'alive',
    phase: 'allocating',
    agentStatus: status('allocating'),
    workloadStatus: status('waiting', principal ? 'agent initialising' : 'waiting for machine'),
    leader: model.unitsOf(app.name).length === 0,
    publicAddress: machine?.dnsName ?? '',
    openedPorts: [],
    charmUrl: app.charmUrl,
    workloadTrack: trackOf(app.channel),
    workloadVersion: '',
  };
  model.units.set(name, unit);
  model.touch('unit', name);
  model.touch('application', app.name);
  return unit;
}

export function addUnits(model: Model, appName: string, count: number, placements: UnitPlacement[]): Unit[] {
  const app = getApplication(model, appName);
  if (app.charm.subordinate) {
    throw new RpcError(`cannot add units to subordinate application ${JSON.stringify(appName)}`, 'not valid');
  }
  if (!Number.isInteger(count) || count < 1) throw notValid(`must add at least one unit, got ${count}`);
  for (const placement of placements) {
    if (placement.kind === 'machine' && !model.machines.has(placement.id)) {
      throw notFound(`machine ${placement.id} not found`);
    }
  }
  const added: Unit[] = [];
  for (let i = 0; i < count; i++) {
    const placement = placements[i] ?? { kind: 'new' as const };
    const machineId =
      placement.kind === 'machine'
        ? placement.id
        : addMachine(model, {
            base: app.base,
            constraints: { ...app.constraints },
            ...(placement.directive !== undefined ? { placement: placement.directive } : {}),
          }).id;
    const unit = newUnit(model, app, machineId);
    added.push(unit);
    attachSubordinates(model, unit);
  }
  return added;
}

/** Creates the subordinate units a principal unit needs for every container-scoped relation of its app. */
function attachSubordinates(model: Model, principal: Unit): void {
  for (const relation of model.relationsOf(principal.application)) {
    if (relation.scope !== 'container') continue;
    const other = relation.endpoints.find((ep) => ep.application !== principal.application);
    const subordinate = other && model.applications.get(other.application);
    if (!subordinate?.charm.subordinate) continue;
    const already = [...model.units.values()].some(
      (unit) => unit.application === subordinate.name && unit.principal === principal.name,
    );
    if (!already) newUnit(model, subordinate, principal.machineId, principal.name);
  }
}

export function addRelation(model: Model, specs: [string, string]): Relation {
  const endpoints = inferEndpoints(specs, (name) => {
    const app = model.applications.get(name);
    return app && app.life === 'alive' ? app : undefined;
  });
  const [a, b] = endpoints;
  const key = relationKey(endpoints);
  assertNewRelation(model.relations.values(), key);
  const scope = relationScope(endpoints);
  const appA = getApplication(model, a.application);
  const appB = getApplication(model, b.application);
  if (scope === 'container' && !appA.charm.subordinate && !appB.charm.subordinate) {
    throw notValid(`cannot relate ${key}: container-scoped relation requires a subordinate application`);
  }
  const relation: Relation = {
    id: model.newRelationId(),
    key,
    endpoints: endpoints.map((ep) => ({ ...ep, scope })),
    interface: a.interface,
    scope,
    status: status('joining'),
    life: 'alive',
  };
  model.relations.set(relation.id, relation);
  model.touch('relation', key);
  model.touch('application', a.application);
  model.touch('application', b.application);
  if (scope === 'container') {
    const principalApp = appA.charm.subordinate ? appB : appA;
    for (const unit of model.unitsOf(principalApp.name)) if (!unit.principal) attachSubordinates(model, unit);
  }
  return relation;
}

/** Peer relations are created with the application, as Juju does when the charm declares peers. */
export function addPeerRelations(model: Model, app: Application): void {
  for (const ep of app.charm.endpoints.filter((endpoint) => endpoint.role === 'peer')) {
    const relation: Relation = {
      id: model.newRelationId(),
      key: `${app.name}:${ep.name}`,
      endpoints: [{ ...ep, application: app.name }],
      interface: ep.interface,
      scope: 'global',
      status: status('joined'),
      life: 'alive',
    };
    model.relations.set(relation.id, relation);
    model.touch('relation', relation.key);
  }
}

function removeUnitNow(model: Model, unit: Unit): void {
  model.units.delete(unit.name);
  model.remove('unit', unit.name, { name: unit.name, application: unit.application });
  model.touch('application', unit.application);
}

export function removeRelation(model: Model, relation: Relation): void {
  model.relations.delete(relation.id);
  model.remove('relation', relation.key, { key: relation.key, id: relation.id });
  for (const ep of relation.endpoints) model.touch('application', ep.application);
  if (relation.scope !== 'container') return;
  const subordinate = relation.endpoints
    .map((ep) => model.applications.get(ep.application))
    .find((app) => app?.charm.subordinate);
  const principal = relation.endpoints.find((ep) => ep.application !== subordinate?.name);
  if (!subordinate || !principal) return;
  for (const unit of model.unitsOf(subordinate.name)) {
    const host = unit.principal ? model.units.get(unit.principal) : undefined;
    if (!host || host.application === principal.application) removeUnitNow(model, unit);
  }
}

export function findRelation(model: Model, specs: string[] | undefined, id: number | undefined): Relation {
  if (id !== undefined) {
    const relation = model.relations.get(id);
    if (!relation) throw notFound(`relation ${id} not found`);
    return relation;
  }
  if (specs?.length !== 2) throw notValid('exactly two endpoints, or a relation id, are required');
  const endpoints = inferEndpoints(specs as [string, string], (name) => model.applications.get(name));
  const key = relationKey(endpoints);
  const relation = [...model.relations.values()].find((candidate) => candidate.key === key);
  if (!relation) throw notFound(`relation "${key}" not found`);
  return relation;
}

/** Destroys a unit (and its subordinates) after its stop hooks run. */
export interface DestroyUnitOptions {
  force: boolean;
  /** Simulated ms a forced removal waits for the agent before removing the unit regardless. */
  maxWaitMs?: number;
}

export function destroyUnit(
  model: Model,
  name: string,
  teardownMs: number,
  options: DestroyUnitOptions = { force: false },
): void {
  const unit = model.units.get(name);
  if (!unit) throw notFound(`unit ${JSON.stringify(name)} not found`);
  if (unit.principal) {
    throw notValid(`unit ${JSON.stringify(name)} is a subordinate, remove the relation instead`);
  }
  const subordinates = [...model.units.values()].filter((candidate) => candidate.principal === name);
  // Lost either way (unitsLost or its machine down): nobody answers for it until it is back.
  const lost = agentLost(unit);
  if (unit.life !== 'alive') {
    // A second, forced call removes a unit that is stuck dying because its agent is gone.
    if (lost && options.force)
      removeAfter(model, unit, subordinates, options.maxWaitMs ?? TIMINGS.forceMaxWait);
    return;
  }
  for (const target of [unit, ...subordinates]) {
    target.life = 'dying';
    if (lost) {
      // Nobody runs the stop hook of a lost unit: it stays dying (status unchanged) unless forced.
      model.touch('unit', target.name);
      continue;
    }
    target.phase = 'stopping';
    model.setUnitStatus(target, status('executing', 'running stop hook'), status('maintenance', 'stopping'));
  }
  if (lost && !options.force) return;
  removeAfter(model, unit, subordinates, lost ? (options.maxWaitMs ?? TIMINGS.forceMaxWait) : teardownMs);
}

function removeAfter(model: Model, unit: Unit, subordinates: Unit[], waitMs: number): void {
  model.env.clock.after(waitMs, () => {
    for (const target of [unit, ...subordinates])
      if (model.units.has(target.name)) removeUnitNow(model, target);
    const app = model.applications.get(unit.application);
    if (app && unit.leader) {
      const next = model.unitsOf(app.name).find((candidate) => candidate.life === 'alive');
      if (next) {
        next.leader = true;
        model.touch('unit', next.name);
      }
    }
    if (app?.life === 'dying' && model.unitsOf(app.name).length === 0) finishApplication(model, app);
  });
}

function finishApplication(model: Model, app: Application): void {
  for (const relation of model.relationsOf(app.name)) removeRelation(model, relation);
  for (const unit of model.unitsOf(app.name)) removeUnitNow(model, unit);
  model.applications.delete(app.name);
  model.remove('application', app.name, { name: app.name });
}

export function destroyApplication(model: Model, name: string, teardownMs: number): string[] {
  const app = getApplication(model, name);
  const units = model.unitsOf(name).map((unit) => unit.name);
  if (app.life !== 'alive') return units;
  app.life = 'dying';
  model.touch('application', name);
  const principals = model.unitsOf(name).filter((unit) => !unit.principal);
  if (principals.length === 0) {
    model.env.clock.after(teardownMs, () => finishApplication(model, app));
  } else {
    for (const unit of principals) destroyUnit(model, unit.name, teardownMs);
  }
  return units;
}

/** Application.ResolveUnitErrors with retry: the failed hook runs again (and fails again if still faulty). */
export function resolveUnit(model: Model, name: string): void {
  const unit = model.units.get(name);
  if (!unit) throw notFound(`unit ${JSON.stringify(name)} not found`);
  if (unit.phase !== 'error') throw notValid(`unit ${JSON.stringify(name)} is not in an error state`);
  unit.phase = 'allocating';
  model.setUnitStatus(
    unit,
    status('executing', 'resolving hook error'),
    status('maintenance', 'retrying install'),
  );
}
