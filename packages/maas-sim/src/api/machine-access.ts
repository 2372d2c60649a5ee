import { forbidden } from '../errors.js';
import type { RequestContext } from '../http/router.js';
import type { MachineRec } from '../state/model.js';

/** NodePermission.edit: the owner or an admin may act on an owned machine. */
export function editableMachine(ctx: RequestContext): MachineRec {
  const machine = ctx.sim.state.machine(ctx.pathParams.system_id ?? '');
  if (machine.owner !== null && machine.owner !== ctx.user.username && !ctx.user.isSuperuser) {
    throw forbidden('You do not have permission to perform this action.');
  }
  return machine;
}

/** Applies `key=value` pairs of an owner-data style op; an empty value removes the key. */
export function applyKeyValues(ctx: RequestContext, target: Record<string, string>): void {
  for (const key of ctx.params.keys()) {
    if (key === 'op') continue;
    const value = ctx.params.get(key) ?? '';
    if (value === '') delete target[key];
    else target[key] = value;
  }
}
