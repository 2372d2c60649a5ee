import * as w from '../schemas/generated.js';
import type { FacadeCaller, FacadeCallOptions } from './caller.js';

/** `Client` facade (model connection): status and the 3.x AllWatcher entry point. */
export class ClientFacade {
  constructor(private readonly rpc: FacadeCaller) {}

  /** Client.FullStatus; `patterns: []` means the whole model. */
  async fullStatus(params: Partial<w.StatusParams> = {}, options?: FacadeCallOptions): Promise<w.FullStatus> {
    const call = { facade: 'Client', method: 'FullStatus' };
    const input = { patterns: [], ...params };
    return (await this.rpc.invoke(call, input, w.StatusParams, w.FullStatus, options)).value;
  }

  /** Client.WatchAll: starts an AllWatcher (Juju 3.x only) and returns its id. */
  async watchAll(options?: FacadeCallOptions): Promise<string> {
    const call = { facade: 'Client', method: 'WatchAll' };
    return (await this.rpc.invoke(call, undefined, undefined, w.AllWatcherId, options)).value['watcher-id'];
  }
}
