import * as w from '../schemas/generated.js';
import { type BulkItem, bulk, type FacadeCaller, type FacadeCallOptions, only } from './caller.js';

/** `Charms` facade (model connection): Charmhub resolution and adding charms to the model. */
export class CharmsFacade {
  constructor(private readonly rpc: FacadeCaller) {}

  async resolveCharms(
    resolve: w.ResolveCharmWithChannel[],
    options?: FacadeCallOptions,
  ): Promise<BulkItem<Omit<w.ResolveCharmWithChannelResult, 'error'>>[]> {
    const call = { facade: 'Charms', method: 'ResolveCharms' };
    const reply = await this.rpc.invoke(
      call,
      { resolve },
      w.ResolveCharmsWithChannel,
      w.ResolveCharmWithChannelResults,
      options,
    );
    // Go field name: the result list is `Results`, capitalised.
    return bulk(reply.value.Results, call.facade, call.method, reply.requestId);
  }

  /** Adds a resolved charm; returns the origin the controller settled on. */
  async addCharm(
    params: { url: string; 'charm-origin': w.CharmOrigin; force?: boolean },
    options?: FacadeCallOptions,
  ): Promise<w.CharmOrigin> {
    const call = { facade: 'Charms', method: 'AddCharm' };
    const reply = await this.rpc.invoke(
      call,
      { force: false, ...params },
      w.AddCharmWithOrigin,
      w.CharmOriginResult,
      options,
    );
    return only(bulk([reply.value], call.facade, call.method, reply.requestId))['charm-origin'];
  }

  async charmInfo(url: string, options?: FacadeCallOptions): Promise<w.Charm> {
    const call = { facade: 'Charms', method: 'CharmInfo' };
    return (await this.rpc.invoke(call, { url }, w.CharmURL, w.Charm, options)).value;
  }
}
