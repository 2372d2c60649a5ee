import { parse as parseYaml } from 'yaml';
import { charmEndpoints, wireCharmRelation } from '../charms/catalogue.js';
import { resolveCharm } from '../charms/resolve.js';
import {
  addRelation,
  addUnits,
  deploy,
  destroyApplication,
  destroyUnit,
  findRelation,
  getApplication,
  removeRelation,
  resolveUnit,
  type UnitPlacement,
  validateConfig,
} from '../model/applications.js';
import { constraintsFromWire } from '../model/constraints.js';
import type { Application as ApplicationEntity } from '../model/entities.js';
import type { Model } from '../model/model.js';
import { TIMINGS } from '../model/timings.js';
import { refreshApplication } from '../model/upgrades.js';
import { bulkItem, notFound, notValid, RpcError, toWireError } from '../rpc/errors.js';
import {
  asObject,
  objectsOf,
  optBool,
  optNumber,
  optString,
  type Params,
  parseTag,
  reqString,
  stringMap,
  stringsOf,
  unitNameFromTag,
} from '../rpc/params.js';
import type { CallContext, Facade } from './types.js';

function placements(ctx: CallContext, items: Params[]): UnitPlacement[] {
  const model = ctx.model();
  return items.map((item) => {
    const scope = optString(item, 'scope') ?? '';
    const directive = optString(item, 'directive');
    if (scope === '#') {
      if (!directive) throw notValid('placement with scope "#" needs a machine id directive');
      return { kind: 'machine', id: directive };
    }
    if (scope === 'lxd' || scope === 'kvm') {
      throw new RpcError(
        `container placement ${scope}:${directive ?? ''} is not supported by the simulator`,
        'not supported',
      );
    }
    if (scope !== model.uuid && scope !== 'model-uuid') {
      throw notValid(`invalid placement scope ${JSON.stringify(scope)}`);
    }
    return directive ? { kind: 'new', directive } : { kind: 'new' };
  });
}

/** Charm config values arrive as strings (`config`) or YAML (`config-yaml: {app: {...}}`); coerce by option type. */
function configFrom(
  app: Pick<ApplicationEntity, 'charm' | 'name'>,
  strings: Record<string, string>,
  yamlText?: string,
) {
  const out: Record<string, unknown> = {};
  if (yamlText) {
    let doc: unknown;
    try {
      doc = parseYaml(yamlText);
    } catch (error) {
      throw notValid(
        `config-yaml is not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const section = asObject(asObject(doc, 'config-yaml')[app.name], `config-yaml.${app.name}`);
    Object.assign(out, section);
  }
  for (const [key, value] of Object.entries(strings)) {
    const option = app.charm.config[key];
    if (!option) throw notValid(`unknown option ${JSON.stringify(key)}`);
    if (option.type === 'int' || option.type === 'float') {
      const number = Number(value);
      if (!Number.isFinite(number))
        throw notValid(
          `option ${JSON.stringify(key)}: expected ${option.type}, got ${JSON.stringify(value)}`,
        );
      out[key] = number;
    } else if (option.type === 'boolean') {
      if (value !== 'true' && value !== 'false')
        throw notValid(`option ${JSON.stringify(key)}: expected true or false`);
      out[key] = value === 'true';
    } else out[key] = value;
  }
  validateConfig(app, out);
  return out;
}

function baseFrom(params: Params, field: string): { name: string; channel: string } | undefined {
  const base = asObject(params[field], field);
  const channel = optString(base, 'channel');
  return channel ? { name: optString(base, 'name') ?? 'ubuntu', channel } : undefined;
}

function deployOne(ctx: CallContext, item: Params): void {
  const model = ctx.model();
  const name = reqString(item, 'application');
  const url = reqString(item, 'charm-url');
  const added = model.charms.get(url);
  if (!added) throw notFound(`charm ${JSON.stringify(url)} not found (call Charms.AddCharm first)`);
  const origin = asObject(item['charm-origin'], 'charm-origin');
  const appShape = { name, charm: added.charm };
  const config = configFrom(appShape, stringMap(item, 'config'), optString(item, 'config-yaml'));
  const numUnits = optNumber(item, 'num-units') ?? 0;
  const base = baseFrom(origin, 'base') ?? { name: 'ubuntu', channel: '24.04' };
  deploy(model, {
    name,
    charm: added,
    base: { name: base.name, channel: base.channel.replace(/\/.*$/, '') },
    channel: optString(item, 'channel') ?? added.channel,
    numUnits,
    config,
    constraints: constraintsFromWire(item.constraints),
    placements: placements(ctx, objectsOf(item, 'placement')),
    endpointBindings: stringMap(item, 'endpoint-bindings'),
  });
}

function deployFromRepository(ctx: CallContext, item: Params): Record<string, unknown> {
  const model = ctx.model();
  const charmName = reqString(item, 'CharmName');
  const name = optString(item, 'ApplicationName') ?? charmName;
  const resolved = resolveCharm(
    charmName,
    optString(item, 'channel'),
    baseFrom(item, 'base'),
    optNumber(item, 'revision'),
  );
  const info = {
    name,
    architecture: 'amd64',
    base: resolved.base,
    channel: resolved.channel,
    'effective-channel': resolved.channel,
    revision: resolved.revision,
  };
  const appShape = { name, charm: resolved.charm };
  const config = configFrom(appShape, {}, optString(item, 'ConfigYAML'));
  const constraints = constraintsFromWire(item.Cons);
  const unitPlacements = placements(ctx, objectsOf(item, 'Placement'));
  if (!optBool(item, 'DryRun')) {
    const added = {
      url: resolved.url,
      charm: resolved.charm,
      revision: resolved.revision,
      channel: resolved.channel,
    };
    model.charms.set(resolved.url, added);
    deploy(model, {
      name,
      charm: added,
      base: resolved.base,
      channel: resolved.channel,
      numUnits: resolved.charm.subordinate ? 0 : (optNumber(item, 'num-units') ?? 1),
      config,
      constraints,
      placements: unitPlacements,
      endpointBindings: stringMap(item, 'endpoint-bindings'),
    });
  }
  return { Info: info, Errors: null, PendingResourceUploads: null };
}

function applicationGet(model: Model, name: string): Record<string, unknown> {
  const app = getApplication(model, name);
  return {
    application: app.name,
    charm: app.charm.name,
    config: Object.fromEntries(
      Object.entries(app.charm.config).map(([key, option]) => {
        const set = key in app.config;
        const value = set ? app.config[key] : option.default;
        return [
          key,
          {
            type: option.type,
            description: option.description,
            source: set ? 'user' : 'default',
            ...(option.default !== undefined ? { default: option.default } : {}),
            ...(value !== undefined ? { value } : {}),
          },
        ];
      }),
    ),
    'application-config': {
      trust: {
        type: 'bool',
        value: false,
        default: false,
        source: 'default',
        description: 'Does this application have access to trusted credentials',
      },
    },
    constraints: app.constraints,
    base: app.base,
    channel: app.channel,
    'endpoint-bindings': app.endpointBindings,
  };
}

export const Application: Facade = {
  Deploy(ctx, params) {
    return {
      results: objectsOf(params, 'applications').map((item) =>
        bulkItem(() => {
          deployOne(ctx, item);
          return {};
        }),
      ),
    };
  },
  DeployFromRepository(ctx, params) {
    return {
      Results: objectsOf(params, 'Args').map((item) => {
        try {
          return deployFromRepository(ctx, item);
        } catch (error) {
          return {
            Info: {
              name: optString(item, 'ApplicationName') ?? '',
              architecture: 'amd64',
              channel: '',
              revision: 0,
            },
            Errors: [toWireError(error)],
            PendingResourceUploads: null,
          };
        }
      }),
    };
  },
  AddUnits(ctx, params) {
    const model = ctx.model();
    const units = addUnits(
      model,
      reqString(params, 'application'),
      optNumber(params, 'num-units') ?? 1,
      placements(ctx, objectsOf(params, 'placement')),
    );
    return { units: units.map((unit) => unit.name) };
  },
  AddRelation(ctx, params) {
    const endpoints = stringsOf(params, 'endpoints');
    if (endpoints.length !== 2)
      throw notValid(`a relation must involve two applications, got ${endpoints.length} endpoints`);
    const relation = addRelation(ctx.model(), endpoints as [string, string]);
    return {
      endpoints: Object.fromEntries(relation.endpoints.map((ep) => [ep.application, wireCharmRelation(ep)])),
    };
  },
  DestroyRelation(ctx, params) {
    const model = ctx.model();
    const relationId = optNumber(params, 'relation-id');
    const endpoints = stringsOf(params, 'endpoints');
    const relation = findRelation(
      model,
      endpoints.length > 0 ? endpoints : undefined,
      endpoints.length > 0 ? undefined : relationId,
    );
    if (relation.endpoints.length === 1)
      throw notValid(`cannot destroy peer relation ${JSON.stringify(relation.key)}`);
    removeRelation(model, relation);
    return {};
  },
  Expose(ctx, params) {
    const model = ctx.model();
    const app = getApplication(model, reqString(params, 'application'));
    const requested = asObject(params['exposed-endpoints'], 'exposed-endpoints');
    const names = new Set(charmEndpoints(app.charm).map((ep) => ep.name));
    for (const endpoint of Object.keys(requested)) {
      if (endpoint !== '' && !names.has(endpoint)) {
        throw notValid(
          `endpoint ${JSON.stringify(endpoint)} not found in charm ${JSON.stringify(app.charm.name)}`,
        );
      }
    }
    app.exposed = true;
    app.exposedEndpoints = {
      ...app.exposedEndpoints,
      ...(requested as ApplicationEntity['exposedEndpoints']),
    };
    model.touch('application', app.name);
    return {};
  },
  Unexpose(ctx, params) {
    const model = ctx.model();
    const app = getApplication(model, reqString(params, 'application'));
    app.exposed = false;
    app.exposedEndpoints = {};
    model.touch('application', app.name);
    return {};
  },
  DestroyApplication(ctx, params) {
    const model = ctx.model();
    return {
      results: objectsOf(params, 'applications').map((item) =>
        bulkItem(() => {
          const name = parseTag(reqString(item, 'application-tag'), 'application');
          const dryRun = optBool(item, 'dry-run');
          const units = dryRun
            ? model.unitsOf(getApplication(model, name).name).map((unit) => unit.name)
            : destroyApplication(model, name, TIMINGS.teardown);
          return {
            info: {
              'destroyed-units': units.map((unit) => ({ tag: `unit-${unit.replace('/', '-')}` })),
              'destroyed-storage': null,
              'detached-storage': null,
            },
          };
        }),
      ),
    };
  },
  DestroyUnit(ctx, params) {
    const model = ctx.model();
    return {
      results: objectsOf(params, 'units').map((item) =>
        bulkItem(() => {
          const name = unitNameFromTag(reqString(item, 'unit-tag'));
          // max-wait is a Go time.Duration on the wire (nanoseconds); simulated ms here.
          const maxWaitNs = optNumber(item, 'max-wait');
          if (!optBool(item, 'dry-run'))
            destroyUnit(model, name, TIMINGS.teardown, {
              force: optBool(item, 'force'),
              ...(maxWaitNs !== undefined ? { maxWaitMs: maxWaitNs / 1e6 } : {}),
            });
          else if (!model.units.has(name)) throw notFound(`unit ${JSON.stringify(name)} not found`);
          return { info: { 'destroyed-storage': null, 'detached-storage': null } };
        }),
      ),
    };
  },
  SetConfigs(ctx, params) {
    const model = ctx.model();
    return {
      results: objectsOf(params, 'Args').map((item) =>
        bulkItem(() => {
          const app = getApplication(model, reqString(item, 'application'));
          const config = configFrom(app, stringMap(item, 'config'), optString(item, 'config-yaml'));
          app.config = { ...app.config, ...config };
          model.touch('application', app.name);
          return {};
        }),
      ),
    };
  },
  /**
   * `juju refresh`: the charm must be in the model (Charms.AddCharm) and be the same charm; config
   * settings are applied with it; every unit then runs its upgrade-charm hook (model/upgrades.ts).
   */
  SetCharm(ctx, params) {
    const model = ctx.model();
    const app = getApplication(model, reqString(params, 'application'));
    const url = reqString(params, 'charm-url');
    const added = model.charms.get(url);
    if (!added) throw notFound(`charm ${JSON.stringify(url)} not found`);
    if (added.charm.name !== app.charm.name) {
      throw notValid(
        `cannot upgrade ${JSON.stringify(app.charm.name)} to ${JSON.stringify(added.charm.name)}`,
      );
    }
    const settings = stringMap(params, 'config-settings');
    const config = configFrom(
      { name: app.name, charm: added.charm },
      settings,
      optString(params, 'config-settings-yaml'),
    );
    const origin = asObject(params['charm-origin'], 'charm-origin');
    const channel =
      optString(params, 'channel') ||
      [optString(origin, 'track'), optString(origin, 'risk')].filter(Boolean).join('/');
    refreshApplication(model, app, { ...added, channel: channel || added.channel });
    app.config = { ...app.config, ...config };
    return {};
  },
  SetConstraints(ctx, params) {
    const model = ctx.model();
    const app = getApplication(model, reqString(params, 'application'));
    app.constraints = constraintsFromWire(params.constraints);
    model.touch('application', app.name);
    return {};
  },
  Get(ctx, params) {
    return applicationGet(ctx.model(), reqString(params, 'application'));
  },
  ResolveUnitErrors(ctx, params) {
    const model = ctx.model();
    const names = optBool(params, 'all')
      ? [...model.units.values()].filter((unit) => unit.phase === 'error').map((unit) => unit.name)
      : objectsOf(asObject(params.tags, 'tags'), 'entities').map((entity) =>
          unitNameFromTag(reqString(entity, 'tag')),
        );
    return {
      results: names.map((name) =>
        bulkItem(() => {
          resolveUnit(model, name);
          return {};
        }),
      ),
    };
  },
};
