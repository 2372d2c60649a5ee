import {
  type ApplicationDelta,
  allUnitsActiveIdle,
  applicationStatus,
  applyDelta,
  type Delta,
  emptyModelState,
  type MachineDelta,
  type ModelState,
  type UnitDelta,
} from '@edgekit/juju-client';

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
  /** The channel the charm tracks (`1.35/stable`), from FullStatus: the AllWatcher does not carry it. */
  channel: string;
  /** Charm revision, from the charm URL (`ch:amd64/etcd-748` → 748). */
  revision: number | null;
  workloadVersion: string;
  /** As `juju status` shows it: the charm's own status, or derived from the units while unset. */
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
  /** The watcher's entities as juju-client folds them; the rows above are derived from it. */
  entities: Readonly<ModelState>;
  /** Application -> charm channel, as FullStatus last reported it (read on a slower cadence). */
  channels: ReadonlyMap<string, string>;
}

export const EMPTY_MODEL: JujuModelState = {
  model: '',
  applications: new Map(),
  units: new Map(),
  machines: new Map(),
  relations: new Map(),
  entities: emptyModelState(),
  channels: new Map(),
};

/**
 * Applies one AllWatcher batch with juju-client's delta folding (on copies: each batch yields a new
 * state for React), then derives the rows the screens show; annotations and other kinds have no rows.
 */
export function applyDeltas(state: JujuModelState, deltas: readonly Delta[]): JujuModelState {
  const previous = state.entities;
  const entities: ModelState = {
    model: previous.model,
    machines: new Map(previous.machines),
    applications: new Map(previous.applications),
    units: new Map(previous.units),
    relations: new Map(previous.relations),
    annotations: new Map(previous.annotations),
  };
  for (const delta of deltas) applyDelta(entities, delta);
  const rows = <T, R>(map: ReadonlyMap<string, T>, row: (entity: T) => R) => [...map.values()].map(row);
  return {
    // A removed model keeps its name on screen: the watcher is about to end anyway.
    model: entities.model?.name ?? state.model,
    applications: new Map(
      rows(entities.applications, (e) => [e.name, applicationRow(e, entities, state.channels)] as const),
    ),
    units: new Map(rows(entities.units, (e) => [e.name, unitRow(e)] as const)),
    machines: new Map(rows(entities.machines, (e) => [e.id, machineRow(e)] as const)),
    relations: new Map(rows(entities.relations, (e) => [e.id, { id: e.id, key: e.key }] as const)),
    entities,
    channels: state.channels,
  };
}

/** The state with the channels FullStatus reported; an application it did not list keeps its own. */
export function withChannels(state: JujuModelState, channels: ReadonlyMap<string, string>): JujuModelState {
  const merged = new Map([...state.channels, ...channels]);
  const applications = new Map(
    [...state.applications].map(
      ([name, row]) => [name, { ...row, channel: merged.get(name) ?? '' }] as const,
    ),
  );
  return { ...state, applications, channels: merged };
}

function applicationRow(
  e: ApplicationDelta,
  entities: ModelState,
  channels: ReadonlyMap<string, string>,
): JujuApplicationRow {
  const units = [...entities.units.values()].filter((unit) => unit.application === e.name);
  const shown = applicationStatus(
    e.status,
    units.map((unit) => unit['workload-status']),
  );
  const revision = /-(\d+)$/.exec(e['charm-url'])?.[1];
  return {
    name: e.name,
    charm: charmName(e['charm-url']),
    channel: channels.get(e.name) ?? '',
    revision: revision === undefined ? null : Number(revision),
    workloadVersion: e['workload-version'] ?? '',
    status: shown.current,
    message: shown.message,
    exposed: e.exposed,
    subordinate: e.subordinate,
  };
}

function unitRow(e: UnitDelta): JujuUnitRow {
  return {
    name: e.name,
    application: e.application,
    machine: e['machine-id'],
    workload: e['workload-status'].current,
    agent: e['agent-status'].current,
    message: e['workload-status'].message,
    address: e['public-address'] || e['private-address'],
    subordinate: e.subordinate,
  };
}

function machineRow(e: MachineDelta): JujuMachineRow {
  return {
    id: e.id,
    instanceId: e['instance-id'],
    hostname: e.hostname ?? '',
    agent: e['agent-status'].current,
    instance: e['instance-status'].current,
    message: e['instance-status'].message,
  };
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
  return allUnitsActiveIdle(state.entities);
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
