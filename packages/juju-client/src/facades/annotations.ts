import * as w from '../schemas/generated.js';
import { type BulkItem, bulk, type FacadeCaller, type FacadeCallOptions } from './caller.js';

/** `Annotations` facade: key/value notes on entities (`application-etcd`, `machine-3`). */
export class AnnotationsFacade {
  constructor(private readonly rpc: FacadeCaller) {}

  async set(
    annotations: { entity: string; annotations: Record<string, string> }[],
    options?: FacadeCallOptions,
  ): Promise<BulkItem<object>[]> {
    const call = { facade: 'Annotations', method: 'Set' };
    const reply = await this.rpc.invoke(call, { annotations }, w.AnnotationsSet, w.ErrorResults, options);
    return bulk(reply.value.results, call.facade, call.method, reply.requestId);
  }
}
