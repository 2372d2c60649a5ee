import type { Model } from '../model/model.js';
import { bulkItem, notFound, unauthorized } from '../rpc/errors.js';
import { asObject, objectsOf, parseTag, reqString } from '../rpc/params.js';
import type { CallContext, Facade } from './types.js';

// ModelManager 11 (Juju 4.0) replaces owner tags with a `qualifier` (juju/juju 4.0 schema).
const usesQualifier = (ctx: CallContext) => ctx.version >= 11;

function ownerFields(ctx: CallContext, model: Model): Record<string, string> {
  return usesQualifier(ctx) ? { qualifier: model.owner } : { 'owner-tag': `user-${model.owner}` };
}

function modelInfo(ctx: CallContext, model: Model): Record<string, unknown> {
  const { config } = ctx.controller;
  return {
    name: model.name,
    type: 'iaas',
    uuid: model.uuid,
    'controller-uuid': config.uuid,
    'is-controller': model.uuid === ctx.controller.controllerModelUUID,
    'provider-type': 'maas',
    // 4.0's ModelInfo dropped default-base along with series.
    ...(usesQualifier(ctx) ? {} : { 'default-base': 'ubuntu@24.04' }),
    'cloud-tag': `cloud-${config.cloud}`,
    'cloud-region': config.region,
    'cloud-credential-tag': `cloudcred-${config.cloud}_${config.user}_${config.cloud}`,
    'cloud-credential-validity': true,
    ...ownerFields(ctx, model),
    life: model.life,
    status: {
      status: model.modelStatus.status,
      info: model.modelStatus.info,
      since: model.modelStatus.since.toISOString(),
    },
    users: [
      {
        'model-tag': `model-${model.uuid}`,
        user: config.user,
        'display-name': config.user,
        'last-connection': new Date().toISOString(),
        access: 'admin',
      },
    ],
    machines: [...model.machines.values()].map((machine) => ({
      id: machine.id,
      ...(machine.instanceId ? { 'instance-id': machine.instanceId } : {}),
      ...(machine.displayName ? { 'display-name': machine.displayName } : {}),
      status: machine.agentStatus.status,
      ...(machine.hardware
        ? {
            hardware: {
              arch: machine.hardware.arch,
              mem: machine.hardware.mem,
              'root-disk': machine.hardware.rootDisk,
              cores: machine.hardware.cores,
              ...(machine.hardware.zone ? { 'availability-zone': machine.hardware.zone } : {}),
            },
          }
        : {}),
      'has-vote': false,
      'wants-vote': false,
    })),
    'secret-backends': [],
    ...(usesQualifier(ctx) ? {} : { sla: { level: 'unsupported', owner: config.user } }),
    // `Number` is a struct in the schema but a plain string on the wire (LP #2025108).
    'agent-version': config.jujuVersion,
  };
}

function modelFromTag(ctx: CallContext, tag: string): Model {
  const uuid = parseTag(tag, 'model');
  const model = ctx.controller.models.get(uuid);
  if (!model) throw notFound(`model ${JSON.stringify(uuid)} not found`);
  return model;
}

export const ModelManager: Facade = {
  async CreateModel(ctx, params) {
    const name = reqString(params, 'name');
    const owner = usesQualifier(ctx)
      ? reqString(params, 'qualifier')
      : parseTag(reqString(params, 'owner-tag'), 'user');
    if (owner !== ctx.controller.config.user) throw unauthorized(`user ${JSON.stringify(owner)} not found`);
    const config = asObject(params.config, 'config');
    const model = ctx.controller.createModel(name, owner, config);
    await ctx.controller.storeWritten();
    return modelInfo(ctx, model);
  },
  ListModels(ctx, params) {
    const user = parseTag(reqString(params, 'tag'), 'user');
    const models = [...ctx.controller.models.values()].filter(
      (model) => model.life !== 'dead' && (model.owner === user || user === ctx.controller.config.user),
    );
    return {
      'user-models': models.map((model) => ({
        model: { name: model.name, uuid: model.uuid, type: 'iaas', ...ownerFields(ctx, model) },
        'last-connection': new Date().toISOString(),
      })),
    };
  },
  ModelInfo(ctx, params) {
    return {
      results: objectsOf(params, 'entities').map((entity) =>
        bulkItem(() => ({ result: modelInfo(ctx, modelFromTag(ctx, reqString(entity, 'tag'))) })),
      ),
    };
  },
  DestroyModels(ctx, params) {
    return {
      results: objectsOf(params, 'models').map((item) =>
        bulkItem(() => {
          const model = modelFromTag(ctx, reqString(item, 'model-tag'));
          ctx.controller.destroyModel(model.uuid);
          return {};
        }),
      ),
    };
  },
  ListModelSummaries(ctx, params) {
    parseTag(reqString(params, 'user-tag'), 'user');
    return {
      results: [...ctx.controller.models.values()].map((model) => ({
        result: {
          ...modelInfo(ctx, model),
          'user-access': 'admin',
          'last-connection': new Date().toISOString(),
          counts: [
            { entity: 'machines', count: model.machines.size },
            { entity: 'units', count: model.units.size },
          ],
          users: undefined,
          machines: undefined,
          'secret-backends': undefined,
          'cloud-credential-validity': undefined,
          'default-base': undefined,
        },
      })),
    };
  },
};
