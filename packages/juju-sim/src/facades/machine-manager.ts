import { constraintsFromWire } from '../model/constraints.js';
import { addMachine, destroyMachine, retryProvisioning } from '../model/machines.js';
import { bulkItem, RpcError } from '../rpc/errors.js';
import { asObject, objectsOf, optBool, optString, type Params, parseTag, stringsOf } from '../rpc/params.js';
import type { CallContext, Facade } from './types.js';

function baseOf(params: Params): { name: string; channel: string } {
  const base = asObject(params.base, 'base');
  return {
    name: optString(base, 'name') ?? 'ubuntu',
    channel: (optString(base, 'channel') ?? '24.04').replace(/\/.*$/, ''),
  };
}

/**
 * Placement as the CLI sends it for add-machine: `{scope: <model-uuid>, directive: "zone=edge-a"}`
 * (terraform and the deploy code use the literal scope `model-uuid`).
 */
function placementDirective(ctx: CallContext, params: Params): string | undefined {
  const placement = params.placement;
  if (placement === undefined || placement === null) return undefined;
  const value = asObject(placement, 'placement');
  const scope = optString(value, 'scope') ?? '';
  const directive = optString(value, 'directive');
  if (scope === 'lxd' || scope === 'kvm') {
    throw new RpcError(
      `container placement ${scope}:${directive ?? ''} is not supported by the simulator`,
      'not supported',
    );
  }
  if (scope !== ctx.model().uuid && scope !== 'model-uuid') {
    throw new RpcError(
      `invalid placement scope ${JSON.stringify(scope)}: expected the model UUID`,
      'not valid',
    );
  }
  return directive;
}

export const MachineManager: Facade = {
  AddMachines(ctx, params) {
    const model = ctx.model();
    return {
      machines: objectsOf(params, 'params').map((item) => {
        const result = bulkItem(() => {
          const jobs = stringsOf(item, 'jobs');
          if (jobs.some((job) => job !== 'JobHostUnits')) {
            throw new RpcError(
              `unsupported machine jobs ${JSON.stringify(jobs)}: only JobHostUnits`,
              'not valid',
            );
          }
          if (optString(item, 'container-type')) {
            throw new RpcError('containers are not supported by the simulator', 'not supported');
          }
          if (optString(item, 'instance-id')) {
            throw new RpcError(
              'manual provisioning (instance-id) is not supported on a MAAS model',
              'not supported',
            );
          }
          const directive = placementDirective(ctx, item);
          const machine = addMachine(model, {
            base: baseOf(item),
            constraints: constraintsFromWire(item.constraints),
            ...(directive !== undefined ? { placement: directive } : {}),
          });
          return { machine: machine.id };
        });
        return 'error' in result ? { machine: '', ...result } : result;
      }),
    };
  },
  RetryProvisioning(ctx, params) {
    const model = ctx.model();
    const tags = optBool(params, 'all')
      ? [...model.machines.values()]
          .filter((machine) => machine.instanceStatus.status === 'provisioning error')
          .map((machine) => `machine-${machine.id}`)
      : stringsOf(params, 'machines');
    return {
      results: tags.map((tag) =>
        bulkItem(() => {
          retryProvisioning(model, parseTag(tag, 'machine'));
          return {};
        }),
      ),
    };
  },
  DestroyMachineWithParams(ctx, params) {
    const model = ctx.model();
    const options = {
      force: optBool(params, 'force'),
      keep: optBool(params, 'keep'),
      dryRun: optBool(params, 'dry-run'),
    };
    return {
      results: stringsOf(params, 'machine-tags').map((tag) =>
        bulkItem(() => {
          const id = parseTag(tag, 'machine');
          const { units } = destroyMachine(model, id, options);
          return {
            info: {
              'machine-id': id,
              'destroyed-units': units.map((name) => ({ tag: `unit-${name.replace('/', '-')}` })),
              'destroyed-storage': null,
              'detached-storage': null,
              'destroyed-containers': null,
            },
          };
        }),
      ),
    };
  },
};
