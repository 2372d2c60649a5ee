import * as w from '../schemas/generated.js';
import { type BulkItem, bulk, type FacadeCaller, type FacadeCallOptions } from './caller.js';

export interface CreateModelInput {
  name: string;
  /** The owning user, e.g. `admin` (sent as `owner-tag` on v10 and as `qualifier` on v11). */
  owner: string;
  cloudTag?: string;
  region?: string;
  credential?: string;
  config?: Record<string, unknown>;
}

/** `ModelManager` facade (controller connection). */
export class ModelManagerFacade {
  constructor(private readonly rpc: FacadeCaller) {}

  async listModels(user: string, options?: FacadeCallOptions): Promise<w.UserModel[]> {
    const call = { facade: 'ModelManager', method: 'ListModels' };
    const reply = await this.rpc.invoke(call, { tag: userTag(user) }, w.Entity, w.UserModelList, options);
    return reply.value['user-models'];
  }

  async listModelSummaries(
    user: string,
    all = false,
    options?: FacadeCallOptions,
  ): Promise<BulkItem<Omit<w.ModelSummaryResult, 'error'>>[]> {
    const call = { facade: 'ModelManager', method: 'ListModelSummaries' };
    const params = { 'user-tag': userTag(user), all };
    const reply = await this.rpc.invoke(
      call,
      params,
      w.ModelSummariesRequest,
      w.ModelSummaryResults,
      options,
    );
    return bulk(reply.value.results, call.facade, call.method, reply.requestId);
  }

  async createModel(input: CreateModelInput, options?: FacadeCallOptions): Promise<w.ModelInfo> {
    const call = { facade: 'ModelManager', method: 'CreateModel' };
    const owner =
      this.rpc.version('ModelManager') >= 11
        ? { qualifier: input.owner }
        : { 'owner-tag': userTag(input.owner) };
    const params: w.ModelCreateArgs = { name: input.name, ...owner };
    if (input.cloudTag !== undefined) params['cloud-tag'] = input.cloudTag;
    if (input.region !== undefined) params.region = input.region;
    if (input.credential !== undefined) params.credential = input.credential;
    if (input.config !== undefined) params.config = input.config;
    return (await this.rpc.invoke(call, params, w.ModelCreateArgs, w.ModelInfo, options)).value;
  }

  async modelInfo(
    modelTags: string[],
    options?: FacadeCallOptions,
  ): Promise<BulkItem<Omit<w.ModelInfoResult, 'error'>>[]> {
    const call = { facade: 'ModelManager', method: 'ModelInfo' };
    const params = { entities: modelTags.map((tag) => ({ tag })) };
    const reply = await this.rpc.invoke(call, params, w.Entities, w.ModelInfoResults, options);
    return bulk(reply.value.results, call.facade, call.method, reply.requestId);
  }

  async destroyModels(
    models: w.DestroyModelParams[],
    options?: FacadeCallOptions,
  ): Promise<BulkItem<object>[]> {
    const call = { facade: 'ModelManager', method: 'DestroyModels' };
    const reply = await this.rpc.invoke(call, { models }, w.DestroyModelsParams, w.ErrorResults, options);
    return bulk(reply.value.results, call.facade, call.method, reply.requestId);
  }
}

export function userTag(user: string): string {
  return user.startsWith('user-') ? user : `user-${user}`;
}
