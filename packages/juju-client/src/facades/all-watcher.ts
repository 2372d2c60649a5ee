import { AllWatcherNext, type Delta } from '../schemas/deltas.js';
import type { FacadeCaller, FacadeCallOptions } from './caller.js';

/** `AllWatcher` facade (Juju 3.x only). The watcher id goes in the frame's top-level `id` (LP #2025110). */
export class AllWatcherFacade {
  constructor(private readonly rpc: FacadeCaller) {}

  /** The first call returns the whole model; later calls long-poll until something changes. */
  async next(watcherId: string, options?: FacadeCallOptions): Promise<Delta[]> {
    const call = { facade: 'AllWatcher', method: 'Next', id: watcherId };
    return (await this.rpc.invoke(call, undefined, undefined, AllWatcherNext, options)).value.deltas;
  }

  async stop(watcherId: string, options?: FacadeCallOptions): Promise<void> {
    await this.rpc.invoke(
      { facade: 'AllWatcher', method: 'Stop', id: watcherId },
      undefined,
      undefined,
      undefined,
      options,
    );
  }
}
