import type { FacadeCaller, FacadeCallOptions } from './caller.js';

/** `Pinger` facade: the keepalive the client runs after login. */
export class PingerFacade {
  constructor(private readonly rpc: FacadeCaller) {}

  async ping(options?: FacadeCallOptions): Promise<void> {
    await this.rpc.invoke({ facade: 'Pinger', method: 'Ping' }, undefined, undefined, undefined, options);
  }
}
