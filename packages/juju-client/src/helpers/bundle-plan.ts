import { JujuBundleError } from '../core/errors.js';
import type { BundleChangesMapArgs, FullStatus } from '../schemas/generated.js';
import { parseEndpoint, relationJoins } from './relation-key.js';

/** A change's string argument, e.g. `args.application`. */
export function arg(change: BundleChangesMapArgs, key: string): string | undefined {
  const value = (change.args as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Orders changes so every change follows what it `requires` (Juju already returns a valid order;
 * this keeps it, and fails clearly on a dangling or cyclic reference).
 */
export function orderChanges(changes: readonly BundleChangesMapArgs[]): BundleChangesMapArgs[] {
  const byId = new Map(changes.map((c) => [c.id, c]));
  const state = new Map<string, 'visiting' | 'done'>();
  const ordered: BundleChangesMapArgs[] = [];
  const visit = (change: BundleChangesMapArgs): void => {
    const mark = state.get(change.id);
    if (mark === 'done') return;
    if (mark === 'visiting')
      throw new JujuBundleError(`bundle changes have a dependency cycle at ${change.id}`);
    state.set(change.id, 'visiting');
    for (const id of change.requires ?? []) {
      const required = byId.get(id);
      if (!required) throw new JujuBundleError(`change ${change.id} requires unknown change ${id}`);
      visit(required);
    }
    state.set(change.id, 'done');
    ordered.push(change);
  };
  for (const change of changes) visit(change);
  return ordered;
}

/**
 * Works out which changes a previous run already applied, from FullStatus: deployed applications,
 * the first N units of each application (and the machines they sit on), charms of deployed
 * applications, existing relations and exposure. Returns change id -> the value it produced.
 * `known` seeds the answer with results the caller already has (machines it made and pinned); a unit
 * placed on such a machine is matched only by a unit standing on that machine.
 */
export function alreadyDone(
  changes: readonly BundleChangesMapArgs[],
  status: FullStatus,
  known: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const done = new Map<string, string>(known);
  const byId = new Map(changes.map((c) => [c.id, c]));
  const ref = (value: string | undefined) => (value?.startsWith('$') ? value.slice(1) : undefined);

  for (const change of changes) {
    if (change.method !== 'deploy') continue;
    const app = arg(change, 'application');
    if (app && status.applications[app]) done.set(change.id, app);
  }
  const unitsTaken = new Set<string>();
  const markMachine = (changeId: string, machine: string): void => {
    if (known.has(changeId)) return;
    done.set(changeId, machine);
    const parent = ref(arg(byId.get(changeId) ?? ({ args: {} } as BundleChangesMapArgs), 'parent-id'));
    if (parent && machine.includes('/') && byId.get(parent)?.method === 'addMachines') {
      markMachine(parent, machine.split('/')[0] ?? machine);
    }
  };
  for (const change of changes) {
    if (change.method !== 'addUnit') continue;
    const deployId = ref(arg(change, 'application'));
    const app = deployId ? done.get(deployId) : undefined;
    if (!app) continue;
    const units = status.applications[app]?.units ?? {};
    const existing = Object.keys(units)
      .sort(byUnitNumber)
      .filter((name) => !unitsTaken.has(name));
    const target = ref(arg(change, 'to'));
    const pinned = target === undefined ? undefined : known.get(target);
    const unit =
      pinned === undefined ? existing[0] : existing.find((name) => units[name]?.machine === pinned);
    if (!unit) continue;
    unitsTaken.add(unit);
    done.set(change.id, unit);
    const machine = units[unit]?.machine;
    if (target && machine && byId.get(target)?.method === 'addMachines') markMachine(target, machine);
  }
  adoptEmptyMachines(changes, status, done);
  for (const change of changes) {
    if (change.method === 'addCharm') {
      const users = changes.filter((c) => c.method === 'deploy' && arg(c, 'charm') === `$${change.id}`);
      const first = users[0];
      if (first && users.every((c) => done.has(c.id))) {
        const app = done.get(first.id) ?? '';
        done.set(change.id, status.applications[app]?.charm ?? '');
      }
    } else if (change.method === 'addRelation') {
      // A missing endpoint leaves the change to its execution, which names what is wrong.
      const ends = [arg(change, 'endpoint1'), arg(change, 'endpoint2')].map((e) =>
        e ? substitute(e, done) : undefined,
      );
      if (ends.every((e) => e !== undefined) && relationExists(status, ends as string[]))
        done.set(change.id, 'related');
    } else if (change.method === 'expose') {
      const app = substitute(arg(change, 'application') ?? '', done);
      if (app && status.applications[app]?.exposed) done.set(change.id, app);
    }
  }
  return done;
}

/**
 * A run that failed after AddMachines but before the unit landed leaves empty machines behind. A
 * pending addMachines adopts such a machine (same kind, same parent) instead of creating another.
 * Caveat: an empty machine someone else added by hand would be adopted too.
 */
function adoptEmptyMachines(
  changes: readonly BundleChangesMapArgs[],
  status: FullStatus,
  done: Map<string, string>,
): void {
  const occupied = new Set<string>(done.values());
  for (const app of Object.values(status.applications)) {
    for (const unit of Object.values(app.units)) occupied.add(unit.machine);
  }
  const all: string[] = [];
  for (const [id, machine] of Object.entries(status.machines)) {
    all.push(id);
    all.push(...Object.keys(machine.containers ?? {}));
  }
  // A host with a container is in use even when no unit sits on the host itself.
  for (const id of all) if (id.includes('/')) occupied.add(id.split('/')[0] ?? id);
  const free = all.filter((id) => !occupied.has(id));
  for (const change of changes) {
    if (change.method !== 'addMachines' || done.has(change.id)) continue;
    const type = arg(change, 'container-type') ?? '';
    const parentRef = arg(change, 'parent-id');
    const parent = parentRef ? substitute(parentRef, done) : undefined;
    if (parentRef && parent === undefined) continue;
    const pick = free.find((id) =>
      type ? id.startsWith(`${parent ?? ''}/${type}/`) && parent !== undefined : !id.includes('/'),
    );
    if (pick === undefined) continue;
    free.splice(free.indexOf(pick), 1);
    done.set(change.id, pick);
  }
}

/** `$deploy-3:etcd` -> `etcd:etcd` using produced values; undefined when a reference is not known yet. */
export function substitute(value: string, results: ReadonlyMap<string, string>): string | undefined {
  if (!value.startsWith('$')) return value;
  const colon = value.indexOf(':');
  const id = value.slice(1, colon === -1 ? undefined : colon);
  const resolved = results.get(id);
  if (resolved === undefined) return undefined;
  return colon === -1 ? resolved : `${resolved}${value.slice(colon)}`;
}

function relationExists(status: FullStatus, endpoints: string[]): boolean {
  const wanted = endpoints.map(parseEndpoint);
  return status.relations.some((relation) => relationJoins(relation.key, wanted));
}

function byUnitNumber(a: string, b: string): number {
  return Number(a.split('/')[1]) - Number(b.split('/')[1]);
}
