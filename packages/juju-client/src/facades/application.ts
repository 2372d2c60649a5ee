import * as w from '../schemas/generated.js';
import { type BulkItem, bulk, type FacadeCaller, type FacadeCallOptions } from './caller.js';

/** ApplicationDeploy with Go-zero-value fields optional (channel, config-yaml, constraints, Force, …). */
export type DeployInput = Pick<w.ApplicationDeploy, 'application' | 'charm-url'> &
  Partial<w.ApplicationDeploy>;

/** DeployFromRepositoryArg with everything but the names optional; `storage` is sent as the version wants. */
export type DeployFromRepositoryInput = Pick<w.DeployFromRepositoryArg, 'CharmName' | 'ApplicationName'> &
  Partial<Omit<w.DeployFromRepositoryArg, 'Storage' | 'storage'>> & {
    storage?: Record<string, w.Constraints>;
  };

/** `Application` facade (model connection). */
export class ApplicationFacade {
  constructor(private readonly rpc: FacadeCaller) {}

  async deploy(applications: DeployInput[], options?: FacadeCallOptions): Promise<BulkItem<object>[]> {
    const call = { facade: 'Application', method: 'Deploy' };
    const reply = await this.rpc.invoke(
      call,
      { applications },
      w.ApplicationsDeploy,
      w.ErrorResults,
      options,
    );
    return bulk(reply.value.results, call.facade, call.method, reply.requestId, applications.length);
  }

  async deployFromRepository(
    args: DeployFromRepositoryInput[],
    options?: FacadeCallOptions,
  ): Promise<w.DeployFromRepositoryResult[]> {
    const call = { facade: 'Application', method: 'DeployFromRepository' };
    // 3.6 (v22 there) names the field `Storage`; the 4.0 schema renamed it to `storage`.
    const storageKey = this.rpc.serverMajor() >= 4 ? 'storage' : 'Storage';
    const Args = args.map(({ storage, ...rest }) => ({ ...rest, [storageKey]: storage ?? {} }));
    const reply = await this.rpc.invoke(
      call,
      { Args } as w.DeployFromRepositoryArgs,
      w.DeployFromRepositoryArgs,
      w.DeployFromRepositoryResults,
      options,
    );
    return reply.value.Results;
  }

  async addUnits(
    params: Pick<w.AddApplicationUnits, 'application' | 'num-units'> & Partial<w.AddApplicationUnits>,
    options?: FacadeCallOptions,
  ): Promise<string[]> {
    const call = { facade: 'Application', method: 'AddUnits' };
    const input = { placement: [], ...params };
    const reply = await this.rpc.invoke(
      call,
      input,
      w.AddApplicationUnits,
      w.AddApplicationUnitsResults,
      options,
    );
    return reply.value.units;
  }

  async destroyUnit(
    units: w.DestroyUnitParams[],
    options?: FacadeCallOptions,
  ): Promise<BulkItem<Omit<w.DestroyUnitResult, 'error'>>[]> {
    const call = { facade: 'Application', method: 'DestroyUnit' };
    const reply = await this.rpc.invoke(call, { units }, w.DestroyUnitsParams, w.DestroyUnitResults, options);
    return bulk(reply.value.results, call.facade, call.method, reply.requestId, units.length);
  }

  /** Relates two endpoints, e.g. `["kubernetes-control-plane:etcd", "etcd:db"]` (what `juju integrate` calls). */
  async addRelation(endpoints: [string, string], viaCidrs?: string[], options?: FacadeCallOptions) {
    const call = { facade: 'Application', method: 'AddRelation' };
    const params: w.AddRelation = viaCidrs ? { endpoints, 'via-cidrs': viaCidrs } : { endpoints };
    return (await this.rpc.invoke(call, params, w.AddRelation, w.AddRelationResults, options)).value;
  }

  /** Removes a relation by its endpoints or its id. */
  async destroyRelation(
    target: { endpoints: [string, string] } | { relationId: number },
    extra: { force?: boolean; maxWaitNs?: number } = {},
    options?: FacadeCallOptions,
  ): Promise<void> {
    const call = { facade: 'Application', method: 'DestroyRelation' };
    const params: Partial<w.DestroyRelation> =
      'endpoints' in target ? { endpoints: target.endpoints } : { 'relation-id': target.relationId };
    if (extra.force !== undefined) params.force = extra.force;
    if (extra.maxWaitNs !== undefined) params['max-wait'] = extra.maxWaitNs;
    await this.rpc.invoke(call, params as w.DestroyRelation, w.DestroyRelation, undefined, options);
  }

  async expose(
    application: string,
    exposedEndpoints?: Record<string, w.ExposedEndpoint>,
    options?: FacadeCallOptions,
  ): Promise<void> {
    const call = { facade: 'Application', method: 'Expose' };
    const params: w.ApplicationExpose = exposedEndpoints
      ? { application, 'exposed-endpoints': exposedEndpoints }
      : { application };
    await this.rpc.invoke(call, params, w.ApplicationExpose, undefined, options);
  }

  /** Sets charm config; values are sent as given (Juju accepts strings, numbers and booleans). */
  async setConfigs(
    args: { application: string; config: Record<string, unknown>; generation?: string }[],
    options?: FacadeCallOptions,
  ): Promise<BulkItem<object>[]> {
    const call = { facade: 'Application', method: 'SetConfigs' };
    // Go field name: `Args`, capitalised; `config-yaml` and `generation` are required, empty is fine.
    const Args = args.map((a) => ({ 'config-yaml': '', generation: '', ...a }));
    const reply = await this.rpc.invoke(call, { Args }, w.ConfigSetArgs, w.ErrorResults, options);
    return bulk(reply.value.results, call.facade, call.method, reply.requestId, Args.length);
  }

  async setConstraints(
    application: string,
    constraints: w.Value,
    options?: FacadeCallOptions,
  ): Promise<void> {
    const call = { facade: 'Application', method: 'SetConstraints' };
    await this.rpc.invoke(call, { application, constraints }, w.SetConstraints, undefined, options);
  }

  async destroyApplication(
    applications: (Pick<w.DestroyApplicationParams, 'application-tag'> &
      Partial<w.DestroyApplicationParams>)[],
    options?: FacadeCallOptions,
  ): Promise<BulkItem<Omit<w.DestroyApplicationResult, 'error'>>[]> {
    const call = { facade: 'Application', method: 'DestroyApplication' };
    const input = { applications: applications.map((a) => ({ force: false, ...a })) };
    const reply = await this.rpc.invoke(
      call,
      input,
      w.DestroyApplicationsParams,
      w.DestroyApplicationResults,
      options,
    );
    return bulk(reply.value.results, call.facade, call.method, reply.requestId, applications.length);
  }

  async get(application: string, branch = '', options?: FacadeCallOptions): Promise<w.ApplicationGetResults> {
    const call = { facade: 'Application', method: 'Get' };
    return (
      await this.rpc.invoke(call, { application, branch }, w.ApplicationGet, w.ApplicationGetResults, options)
    ).value;
  }

  /**
   * Refreshes an application to another charm revision or channel (`juju refresh`): the charm must
   * have been added to the model first (Charms.AddCharm) with the origin it returned. 3.6 names the
   * parameter `ApplicationSetCharm`, 4.0 `ApplicationSetCharmV2`; both share these fields.
   */
  async setCharm(
    params: Pick<w.ApplicationSetCharm, 'application' | 'charm-url'> & {
      'charm-origin': w.CharmOrigin;
    } & Partial<
        Pick<w.ApplicationSetCharm, 'channel' | 'config-settings' | 'force' | 'force-units' | 'force-base'>
      >,
    options?: FacadeCallOptions,
  ): Promise<void> {
    const call = { facade: 'Application', method: 'SetCharm' };
    const input: w.ApplicationSetCharm = {
      generation: '',
      // What `juju refresh --channel` sends: track/risk of the origin the controller resolved.
      channel: params['charm-origin'].track
        ? `${params['charm-origin'].track}/${params['charm-origin'].risk ?? 'stable'}`
        : (params['charm-origin'].risk ?? ''),
      force: false,
      'force-units': false,
      'force-base': false,
      ...params,
    };
    await this.rpc.invoke(call, input, w.ApplicationSetCharm, undefined, options);
  }
}
