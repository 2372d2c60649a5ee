import * as w from '../schemas/generated.js';
import { type BulkItem, bulk, type FacadeCaller, type FacadeCallOptions } from './caller.js';

/** `Action` facade (model connection). */
export class ActionFacade {
  constructor(private readonly rpc: FacadeCaller) {}

  /** Queues actions as one operation, e.g. `{ receiver: 'unit-etcd-0', name: 'health' }`. */
  async enqueueOperation(
    actions: (Pick<w.Action, 'receiver' | 'name'> & Partial<w.Action>)[],
    options?: FacadeCallOptions,
  ): Promise<{ operation: string; actions: BulkItem<Omit<w.ActionResult, 'error'>>[] }> {
    const call = { facade: 'Action', method: 'EnqueueOperation' };
    const input = { actions: actions.map((a) => ({ tag: '', ...a })) };
    const reply = await this.rpc.invoke(call, input, w.Actions, w.EnqueuedActions, options);
    const results = bulk(reply.value.actions, call.facade, call.method, reply.requestId, actions.length);
    return { operation: reply.value.operation, actions: results };
  }

  /** Operations by id (`"7"` or `"operation-7"`). */
  async operations(
    ids: string[],
    options?: FacadeCallOptions,
  ): Promise<BulkItem<Omit<w.OperationResult, 'error'>>[]> {
    const call = { facade: 'Action', method: 'Operations' };
    const params = {
      entities: ids.map((id) => ({ tag: id.startsWith('operation-') ? id : `operation-${id}` })),
    };
    const reply = await this.rpc.invoke(call, params, w.Entities, w.OperationResults, options);
    return bulk(reply.value.results ?? [], call.facade, call.method, reply.requestId);
  }

  /**
   * Operations matching a query (`juju operations --units etcd/0 --actions snapshot`): any of the listed
   * applications, units, machines, action names and statuses; `truncated` when more matched than `limit`.
   */
  async listOperations(
    query: w.OperationQueryArgs,
    options?: FacadeCallOptions,
  ): Promise<{ operations: BulkItem<Omit<w.OperationResult, 'error'>>[]; truncated: boolean }> {
    const call = { facade: 'Action', method: 'ListOperations' };
    const reply = await this.rpc.invoke(call, query, w.OperationQueryArgs, w.OperationResults, options);
    return {
      operations: bulk(reply.value.results ?? [], call.facade, call.method, reply.requestId),
      truncated: reply.value.truncated === true,
    };
  }

  /** Actions by id (`"8"` or `"action-8"`). */
  async actions(
    ids: string[],
    options?: FacadeCallOptions,
  ): Promise<BulkItem<Omit<w.ActionResult, 'error'>>[]> {
    const call = { facade: 'Action', method: 'Actions' };
    const params = { entities: ids.map((id) => ({ tag: id.startsWith('action-') ? id : `action-${id}` })) };
    const reply = await this.rpc.invoke(call, params, w.Entities, w.ActionResults, options);
    return bulk(reply.value.results ?? [], call.facade, call.method, reply.requestId);
  }
}
