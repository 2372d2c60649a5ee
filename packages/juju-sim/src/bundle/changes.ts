import { parseAllDocuments } from 'yaml';
import { findCharm } from '../charms/catalogue.js';
import { parseCharmReference } from '../charms/resolve.js';
import { parseConstraints } from '../model/constraints.js';
import type { Application } from '../model/entities.js';
import { inferEndpoints, splitEndpoint } from '../model/relations.js';
import { baseOfSeries } from '../model/series.js';

/** One entry of `Bundle.GetChangesMapArgs` (juju/juju core bundlechanges, map-args form). */
export interface BundleChange {
  id: string;
  method: string;
  args: Record<string, unknown>;
  requires: string[];
}

type Doc = Record<string, unknown>;

/**
 * The most units one application, and one bundle (overlays included), may ask for. Juju itself sets no
 * limit, but every unit becomes one change in the reply, and `num_units: 100000000` used to exhaust the
 * heap and kill the simulator (issue 14). 10,000 per application / 100,000 per bundle is far above any
 * MAAS region the simulator models and keeps the largest reply near 15 MB, under the 64 MB frame limit.
 */
export const MAX_UNITS_PER_APPLICATION = 10_000;
export const MAX_UNITS_PER_BUNDLE = 100_000;

function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Overlays (later YAML documents) merge into the base bundle; `null` removes an application. */
function mergeDocuments(docs: Doc[]): Doc {
  const merged: Doc = { ...(docs[0] ?? {}) };
  for (const overlay of docs.slice(1)) {
    for (const [key, value] of Object.entries(overlay)) {
      if ((key === 'applications' || key === 'machines') && isObject(value)) {
        const target: Doc = { ...(isObject(merged[key]) ? (merged[key] as Doc) : {}) };
        for (const [name, entry] of Object.entries(value)) {
          if (entry === null) delete target[name];
          else
            target[name] =
              isObject(target[name]) && isObject(entry) ? { ...(target[name] as Doc), ...entry } : entry;
        }
        merged[key] = target;
      } else if (key === 'relations' && Array.isArray(value)) {
        merged.relations = [...(Array.isArray(merged.relations) ? merged.relations : []), ...value];
      } else {
        merged[key] = value;
      }
    }
  }
  return merged;
}

function baseOf(app: Doc, bundle: Doc): string | undefined {
  const base = app.base ?? bundle['default-base'];
  if (typeof base === 'string') return base;
  const series = app.series ?? bundle.series;
  if (typeof series === 'string') return baseOfSeries(series);
  return undefined;
}

interface Parsed {
  bundle: Doc;
  applications: [string, Doc][];
  machines: [string, Doc][];
  relations: [string, string][];
}

function parseBundle(yamlText: string, errors: string[]): Parsed | undefined {
  const docs = parseAllDocuments(yamlText);
  const values: Doc[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      errors.push(`cannot unmarshal bundle contents: ${doc.errors[0]?.message ?? 'invalid YAML'}`);
      return undefined;
    }
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (error) {
      // An alias to an anchor that is not set (`*x`) only fails here, as a ReferenceError.
      errors.push(`cannot unmarshal bundle contents: ${(error as Error).message}`);
      return undefined;
    }
    if (value === null || value === undefined) continue;
    if (!isObject(value)) {
      errors.push('cannot unmarshal bundle contents: the bundle must be a YAML mapping');
      return undefined;
    }
    values.push(value);
  }
  const bundle = mergeDocuments(values);
  const apps = bundle.applications ?? bundle.services;
  if (!isObject(apps) || Object.keys(apps).length === 0) {
    errors.push('bundle has no applications');
    return undefined;
  }
  const applications: [string, Doc][] = [];
  for (const [name, value] of Object.entries(apps).sort(([a], [b]) => a.localeCompare(b))) {
    if (!isObject(value)) {
      errors.push(`application ${JSON.stringify(name)} must be a mapping`);
      continue;
    }
    applications.push([name, value]);
  }
  const machines = isObject(bundle.machines)
    ? Object.entries(bundle.machines).map(
        ([id, value]) => [id, isObject(value) ? value : {}] as [string, Doc],
      )
    : [];
  const relations: [string, string][] = [];
  for (const [index, relation] of (Array.isArray(bundle.relations) ? bundle.relations : []).entries()) {
    if (!Array.isArray(relation) || relation.length !== 2 || relation.some((ep) => typeof ep !== 'string')) {
      errors.push(`relation ${index} must be a pair of endpoints, got ${JSON.stringify(relation)}`);
      continue;
    }
    relations.push([relation[0] as string, relation[1] as string]);
  }
  return { bundle, applications, machines, relations };
}

/** Checks a bundle the way Juju's BundleData.Verify does, plus charm and endpoint checks against the catalogue. */
function verify(parsed: Parsed, errors: string[]): void {
  const names = new Set(parsed.applications.map(([name]) => name));
  const machineIds = new Set(parsed.machines.map(([id]) => id));
  for (const [name, app] of parsed.applications) {
    if (typeof app.charm !== 'string' || app.charm === '') {
      errors.push(`empty charm path in application ${JSON.stringify(name)}`);
      continue;
    }
    const charm = findCharm(parseCharmReference(app.charm).name);
    if (!charm)
      errors.push(`cannot resolve charm or bundle ${JSON.stringify(app.charm)}: charm or bundle not found`);
    const units = app.num_units ?? app.scale ?? 0;
    if (typeof units !== 'number' || !Number.isInteger(units) || units < 0) {
      errors.push(`negative or invalid number of units specified on application ${JSON.stringify(name)}`);
    } else if (units > MAX_UNITS_PER_APPLICATION) {
      errors.push(
        `application ${JSON.stringify(name)} asks for ${units} units: the simulator allows at most ${MAX_UNITS_PER_APPLICATION} per application`,
      );
    } else if (charm?.subordinate && units > 0) {
      errors.push(`application ${JSON.stringify(name)} is subordinate but has non-zero num_units`);
    }
    if (app.constraints !== undefined) {
      try {
        parseConstraints(String(app.constraints));
      } catch (error) {
        errors.push(
          `invalid constraints ${JSON.stringify(app.constraints)} in application ${JSON.stringify(name)}: ${(error as Error).message}`,
        );
      }
    }
    for (const target of Array.isArray(app.to) ? app.to : app.to !== undefined ? [app.to] : []) {
      const text = String(target);
      const machine = text.includes(':') ? text.slice(text.indexOf(':') + 1) : text;
      const unitTarget = machine.includes('/') ? machine.split('/')[0] : undefined;
      if (unitTarget !== undefined) {
        if (!names.has(unitTarget))
          errors.push(
            `placement ${JSON.stringify(text)} refers to non-existent application ${JSON.stringify(unitTarget)}`,
          );
      } else if (machine !== 'new' && !machineIds.has(machine)) {
        errors.push(`placement ${JSON.stringify(text)} refers to a machine not defined in this bundle`);
      }
    }
  }
  // Applications already refused above do not count again here.
  const total = parsed.applications.reduce((sum, [, app]) => {
    const units = app.num_units ?? app.scale;
    const valid = typeof units === 'number' && Number.isInteger(units) && units > 0;
    return sum + (valid && units <= MAX_UNITS_PER_APPLICATION ? units : 0);
  }, 0);
  if (total > MAX_UNITS_PER_BUNDLE) {
    errors.push(
      `the bundle asks for ${total} units: the simulator allows at most ${MAX_UNITS_PER_BUNDLE} per bundle`,
    );
  }
  const lookup = (name: string) => {
    const app = parsed.applications.find(([candidate]) => candidate === name)?.[1];
    const charm =
      app && typeof app.charm === 'string' ? findCharm(parseCharmReference(app.charm).name) : undefined;
    return charm ? ({ name, charm } as unknown as Application) : undefined;
  };
  for (const [a, b] of parsed.relations) {
    const unknown = [a, b].map((ep) => splitEndpoint(ep).application).find((app) => !names.has(app));
    if (unknown !== undefined) {
      errors.push(
        `relation [${JSON.stringify(a)} ${JSON.stringify(b)}] refers to application ${JSON.stringify(unknown)} not defined in this bundle`,
      );
      continue;
    }
    if (!lookup(splitEndpoint(a).application) || !lookup(splitEndpoint(b).application)) continue;
    try {
      inferEndpoints([a, b], lookup);
    } catch (error) {
      errors.push(
        `invalid relation [${JSON.stringify(a)} ${JSON.stringify(b)}]: ${(error as Error).message}`,
      );
    }
  }
}

/**
 * Computes the change list for a bundle (and overlays as further YAML documents), in bundlechanges' order:
 * per application addCharm, deploy, expose, setAnnotations; then machines; relations; then units.
 * Ids are `<method>-<n>` from one counter; `$<id>` refers to an earlier change's result.
 */
export function bundleChanges(yamlText: string): { changes: BundleChange[]; errors: string[] } {
  const errors: string[] = [];
  const parsed = parseBundle(yamlText, errors);
  if (!parsed) return { changes: [], errors };
  verify(parsed, errors);
  if (errors.length > 0) return { changes: [], errors };

  const changes: BundleChange[] = [];
  const add = (method: string, args: Record<string, unknown>, requires: string[]): string => {
    const id = `${method}-${changes.length}`;
    changes.push({ id, method, args, requires });
    return id;
  };
  const deployIds = new Map<string, string>();
  for (const [name, app] of parsed.applications) {
    const base = baseOf(app, parsed.bundle);
    const charmArgs: Record<string, unknown> = { charm: app.charm };
    if (typeof app.channel === 'string') charmArgs.channel = app.channel;
    if (typeof app.revision === 'number') charmArgs.revision = app.revision;
    if (base) charmArgs.base = base;
    const charmId = add('addCharm', charmArgs, []);
    const deployArgs: Record<string, unknown> = { charm: `$${charmId}`, application: name };
    if (base) deployArgs.base = base;
    if (typeof app.channel === 'string') deployArgs.channel = app.channel;
    if (isObject(app.options)) deployArgs.options = app.options;
    if (app.constraints !== undefined) deployArgs.constraints = String(app.constraints);
    if (isObject(app.bindings)) deployArgs['endpoint-bindings'] = app.bindings;
    if (isObject(app.resources)) deployArgs.resources = app.resources;
    const deployId = add('deploy', deployArgs, [charmId]);
    deployIds.set(name, deployId);
    if (app.expose === true) add('expose', { application: `$${deployId}` }, [deployId]);
    if (isObject(app.annotations)) {
      add(
        'setAnnotations',
        { id: `$${deployId}`, 'entity-type': 'application', annotations: app.annotations },
        [deployId],
      );
    }
  }
  const machineIds = new Map<string, string>();
  for (const [id, machine] of parsed.machines) {
    const args: Record<string, unknown> = {};
    const base = baseOf(machine, parsed.bundle);
    if (base) args.base = base;
    if (machine.constraints !== undefined) args.constraints = String(machine.constraints);
    machineIds.set(id, add('addMachines', args, []));
  }
  for (const [a, b] of parsed.relations) {
    const ref = (ep: string) => {
      const { application, endpoint } = splitEndpoint(ep);
      const deployId = deployIds.get(application) ?? '';
      return { text: endpoint ? `$${deployId}:${endpoint}` : `$${deployId}`, deployId };
    };
    const left = ref(a);
    const right = ref(b);
    add('addRelation', { endpoint1: left.text, endpoint2: right.text }, [left.deployId, right.deployId]);
  }
  for (const [name, app] of parsed.applications) {
    const deployId = deployIds.get(name) ?? '';
    const count = typeof app.num_units === 'number' ? app.num_units : 0;
    const targets = (Array.isArray(app.to) ? app.to : app.to !== undefined ? [app.to] : []).map(String);
    for (let i = 0; i < count; i++) {
      const target = targets[i] ?? targets.at(-1);
      const requires = [deployId];
      const args: Record<string, unknown> = { application: `$${deployId}` };
      if (target !== undefined && target !== 'new') {
        const container = target.includes(':') ? target.slice(0, target.indexOf(':')) : undefined;
        const machine = container ? target.slice(target.indexOf(':') + 1) : target;
        const machineChange = machineIds.get(machine);
        if (container && machineChange) {
          const id = add('addMachines', { 'container-type': container, 'parent-id': `$${machineChange}` }, [
            machineChange,
          ]);
          args.to = `$${id}`;
          requires.push(id);
        } else if (machineChange) {
          args.to = `$${machineChange}`;
          requires.push(machineChange);
        }
      }
      add('addUnit', args, requires);
    }
  }
  return { changes, errors: [] };
}
