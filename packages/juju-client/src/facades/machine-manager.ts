import * as w from '../schemas/generated.js';
import { type BulkItem, bulk, type FacadeCaller, type FacadeCallOptions } from './caller.js';

/** AddMachineParams with the manual-provisioning fields optional (they default to Go zero values). */
export type AddMachineInput = Partial<w.AddMachineParams>;

/** `MachineManager` facade (model connection). */
export class MachineManagerFacade {
  constructor(private readonly rpc: FacadeCaller) {}

  /** Adds machines; each item is either the new machine id or a typed per-item error. */
  async addMachines(
    machines: AddMachineInput[],
    options?: FacadeCallOptions,
  ): Promise<BulkItem<{ machine: string }>[]> {
    const call = { facade: 'MachineManager', method: 'AddMachines' };
    const params = { params: machines.map((m) => ({ jobs: ['JobHostUnits'], ...m })) };
    const reply = await this.rpc.invoke(call, params, w.AddMachines, w.AddMachinesResults, options);
    return bulk(reply.value.machines, call.facade, call.method, reply.requestId, machines.length);
  }

  async destroyMachineWithParams(
    params: Partial<w.DestroyMachinesParams> & { 'machine-tags': string[] },
    options?: FacadeCallOptions,
  ): Promise<BulkItem<Omit<w.DestroyMachineResult, 'error'>>[]> {
    const call = { facade: 'MachineManager', method: 'DestroyMachineWithParams' };
    const reply = await this.rpc.invoke(
      call,
      params,
      w.DestroyMachinesParams,
      w.DestroyMachineResults,
      options,
    );
    return bulk(reply.value.results ?? [], call.facade, call.method, reply.requestId);
  }
}
