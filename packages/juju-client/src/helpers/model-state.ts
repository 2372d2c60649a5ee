import type {
  AnnotationDelta,
  ApplicationDelta,
  Delta,
  MachineDelta,
  ModelDelta,
  RelationDelta,
  UnitDelta,
} from '../schemas/deltas.js';

/** The model as the deltas so far describe it, keyed the way Juju keys entities. */
export interface ModelState {
  model: ModelDelta | undefined;
  machines: Map<string, MachineDelta>;
  applications: Map<string, ApplicationDelta>;
  units: Map<string, UnitDelta>;
  relations: Map<string, RelationDelta>;
  annotations: Map<string, AnnotationDelta>;
}

export function emptyModelState(): ModelState {
  return {
    model: undefined,
    machines: new Map(),
    applications: new Map(),
    units: new Map(),
    relations: new Map(),
    annotations: new Map(),
  };
}

/** The identity of an entity within its kind (multiwatcher EntityId). */
export function deltaKey(delta: Delta): string {
  switch (delta.kind) {
    case 'machine':
      return delta.entity.id;
    case 'application':
    case 'unit':
      return delta.entity.name;
    case 'relation':
      return delta.entity.key;
    case 'annotation':
      return delta.entity.tag;
    case 'model':
      return delta.entity['model-uuid'];
  }
}

export function applyDelta(state: ModelState, delta: Delta): void {
  const key = deltaKey(delta);
  switch (delta.kind) {
    case 'model':
      state.model = delta.removed ? undefined : delta.entity;
      return;
    case 'machine':
      put(state.machines, key, delta.removed, delta.entity);
      return;
    case 'application':
      put(state.applications, key, delta.removed, delta.entity);
      return;
    case 'unit':
      put(state.units, key, delta.removed, delta.entity);
      return;
    case 'relation':
      put(state.relations, key, delta.removed, delta.entity);
      return;
    case 'annotation':
      put(state.annotations, key, delta.removed, delta.entity);
      return;
  }
}

function put<T>(map: Map<string, T>, key: string, removed: boolean, entity: T): void {
  if (removed) map.delete(key);
  else map.set(key, entity);
}

/** Every entity of a state as `change` deltas (to diff two snapshots). */
export function stateDeltas(state: ModelState): Delta[] {
  const out: Delta[] = [];
  if (state.model) out.push({ kind: 'model', removed: false, entity: state.model });
  for (const entity of state.machines.values()) out.push({ kind: 'machine', removed: false, entity });
  for (const entity of state.applications.values()) out.push({ kind: 'application', removed: false, entity });
  for (const entity of state.units.values()) out.push({ kind: 'unit', removed: false, entity });
  for (const entity of state.relations.values()) out.push({ kind: 'relation', removed: false, entity });
  for (const entity of state.annotations.values()) out.push({ kind: 'annotation', removed: false, entity });
  return out;
}

/** Deltas that turn `before` into `after`: changed or new entities, then removals. */
export function diffStates(before: ModelState, after: ModelState): Delta[] {
  const seen = new Map(
    stateDeltas(before).map((d) => [`${d.kind}\u0000${deltaKey(d)}`, JSON.stringify(d.entity)]),
  );
  const out: Delta[] = [];
  const present = new Set<string>();
  for (const delta of stateDeltas(after)) {
    const id = `${delta.kind}\u0000${deltaKey(delta)}`;
    present.add(id);
    if (seen.get(id) !== JSON.stringify(delta.entity)) out.push(delta);
  }
  for (const delta of stateDeltas(before)) {
    if (!present.has(`${delta.kind}\u0000${deltaKey(delta)}`)) out.push({ ...delta, removed: true } as Delta);
  }
  return out;
}

/** True when the model has units and every one is `active` and its agent `idle` (typical "settled"). */
export function allUnitsActiveIdle(state: ModelState): boolean {
  if (state.units.size === 0) return false;
  for (const unit of state.units.values()) {
    if (unit['workload-status'].current !== 'active' || unit['agent-status'].current !== 'idle') return false;
  }
  return true;
}
