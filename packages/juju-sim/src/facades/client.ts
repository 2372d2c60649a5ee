import { type Delta, deltasSince } from '../model/deltas.js';
import { fullStatus } from '../model/full-status.js';
import type { Model } from '../model/model.js';
import { notFound, RpcError } from '../rpc/errors.js';
import { stringsOf } from '../rpc/params.js';
import type { CallContext, Facade } from './types.js';

/**
 * One AllWatcher: remembers the model revision its client has seen. The first Next returns the whole
 * model; later ones block until something changes (Juju's long-poll), or fail once the watcher stops.
 */
export class AllWatcherState {
  private seen = 0;
  private stopped = false;
  private waiting: (() => void) | undefined;

  constructor(private readonly model: Model) {}

  async next(): Promise<Delta[]> {
    for (;;) {
      if (this.stopped) throw new RpcError('watcher was stopped', 'stopped');
      if (this.model.life === 'dead')
        throw new RpcError(`model ${JSON.stringify(this.model.name)} has been removed`, 'not found');
      const revision = this.model.currentRevision;
      const deltas = deltasSince(this.model, this.seen);
      this.seen = revision;
      if (deltas.length > 0) return deltas;
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        this.model.once('change', resolve);
      });
      this.waiting = undefined;
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.waiting) {
      this.model.off('change', this.waiting);
      this.waiting();
    }
  }
}

export const Client: Facade = {
  FullStatus(ctx, params) {
    return fullStatus(ctx.model(), stringsOf(params, 'patterns'));
  },
  WatchAll(ctx) {
    const id = ctx.session.addResource(new AllWatcherState(ctx.model()));
    return { 'watcher-id': id };
  },
};

function watcher(ctx: CallContext): AllWatcherState {
  // The watcher id travels as the frame's top-level `id`, not in params (LP #2025110).
  const resource = ctx.session.resources.get(ctx.id);
  if (!(resource instanceof AllWatcherState)) throw notFound('unknown watcher id');
  return resource;
}

export const AllWatcher: Facade = {
  async Next(ctx) {
    return { deltas: await watcher(ctx).next() };
  },
  Stop(ctx) {
    watcher(ctx).stop();
    ctx.session.resources.delete(ctx.id);
    return {};
  },
};
