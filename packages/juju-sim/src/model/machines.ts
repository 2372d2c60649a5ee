import { notFound, RpcError } from '../rpc/errors.js';
import type { Constraints } from './constraints.js';
import { type Base, type Machine, status } from './entities.js';
import type { Model } from './model.js';
import { TIMINGS } from './timings.js';

export interface NewMachine {
  base: Base;
  constraints: Constraints;
  placement?: string;
}

/** Placement directives the MAAS provider understands (juju/juju provider/maas/environ.go parsePlacement). */
export function checkMaasPlacement(directive: string): void {
  const eq = directive.indexOf('=');
  if (eq < 0) return; // bare hostname
  const key = directive.slice(0, eq);
  if (key !== 'zone' && key !== 'system-id' && key !== 'subnet') {
    throw new RpcError(`unknown placement directive: ${directive}`, 'not valid');
  }
}

/** The cloud-init user data Juju hands the provider; it would install and start jujud for this machine. */
function userDataFor(model: Model, machine: Machine): string {
  return [
    '#cloud-config',
    'package_update: true',
    'runcmd:',
    `  - echo "juju machine agent ${machine.id} for model ${model.uuid} (controller ${model.env.controllerUUID})"`,
    `  - /var/lib/juju/tools/machine-${machine.id}/jujud machine --data-dir /var/lib/juju --machine-id ${machine.id}`,
    '',
  ].join('\n');
}

export function addMachine(model: Model, spec: NewMachine): Machine {
  if (spec.placement !== undefined) checkMaasPlacement(spec.placement);
  const id = model.newMachineId();
  const machine: Machine = {
    id,
    base: spec.base,
    constraints: spec.constraints,
    ...(spec.placement !== undefined ? { placement: spec.placement } : {}),
    life: 'alive',
    jobs: ['JobHostUnits'],
    instanceId: '',
    displayName: '',
    dnsName: '',
    ipAddresses: [],
    agentStatus: status('pending'),
    instanceStatus: status('pending'),
    modificationStatus: status('idle'),
    started: false,
  };
  model.machines.set(id, machine);
  model.touch('machine', id);
  void provision(model, machine);
  return machine;
}

// Mirrors Juju's provisioner worker: StartInstance on the provider, instance status follows the cloud's
// messages, and once the instance is up the machine agent starts and reports in.
async function provision(model: Model, machine: Machine): Promise<void> {
  model.setMachineStatus(machine, 'instanceStatus', status('allocating', 'starting instance'));
  try {
    if (model.env.faults.provisioningErrors.has(machine.id)) {
      throw new Error(`injected fault: failed to acquire node for machine ${machine.id}`);
    }
    const instance = await model.env.provisioner.startInstance(
      {
        modelUUID: model.uuid,
        machineId: machine.id,
        base: machine.base,
        constraints: machine.constraints,
        ...(machine.placement !== undefined ? { placement: machine.placement } : {}),
        userData: userDataFor(model, machine),
      },
      (message) => {
        if (machine.life !== 'alive') return;
        if (machine.instanceId === '' || machine.instanceStatus.info !== message) {
          model.setMachineStatus(machine, 'instanceStatus', status('allocating', message));
        }
      },
    );
    if (machine.life !== 'alive' || !model.machines.has(machine.id)) {
      await model.env.provisioner.stopInstance(instance.instanceId);
      return;
    }
    machine.instanceId = instance.instanceId;
    machine.hostname = instance.hostname;
    machine.displayName = instance.hostname;
    machine.dnsName = instance.dnsName;
    machine.ipAddresses = instance.ipAddresses;
    machine.hardware = instance.hardware;
    model.setMachineStatus(machine, 'instanceStatus', status('running', 'Deployed'));
    model.env.clock.after(TIMINGS.machineAgentStart, () => {
      if (machine.life !== 'alive') return;
      machine.started = true;
      model.setMachineStatus(machine, 'agentStatus', status('started'));
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    model.setMachineStatus(machine, 'instanceStatus', status('provisioning error', message));
    model.setMachineStatus(machine, 'agentStatus', status('pending'));
  }
}

/** MachineManager.RetryProvisioning: provision again a machine whose provisioning failed. */
export function retryProvisioning(model: Model, id: string): void {
  const machine = model.machines.get(id);
  if (!machine) throw notFound(`machine ${id} not found`);
  const current = machine.instanceStatus.status;
  if (current !== 'provisioning error' && current !== 'error') {
    throw new RpcError(`machine-${id} is not in an error state (${current})`, 'not valid');
  }
  model.setMachineStatus(machine, 'instanceStatus', status('pending'));
  void provision(model, machine);
}

export interface DestroyMachineOptions {
  force: boolean;
  keep: boolean;
  dryRun: boolean;
}

/** DestroyMachineWithParams for one machine; returns the units it would take with it. */
export function destroyMachine(
  model: Model,
  id: string,
  options: DestroyMachineOptions,
): { units: string[] } {
  const machine = model.machines.get(id);
  if (!machine) throw notFound(`machine ${id} not found`);
  const units = [...model.units.values()].filter((unit) => unit.machineId === id).map((unit) => unit.name);
  const principals = units.filter((name) => !model.units.get(name)?.principal);
  if (principals.length > 0 && !options.force) {
    throw new RpcError(
      `machine ${id} has unit ${JSON.stringify(principals[0])} assigned`,
      'machine has assigned units',
    );
  }
  if (options.dryRun) return { units };
  for (const name of units) {
    const unit = model.units.get(name);
    if (unit) {
      model.units.delete(name);
      model.remove('unit', name, { name, application: unit.application });
    }
  }
  machine.life = 'dying';
  model.touch('machine', id);
  const finish = () => {
    if (!model.machines.has(id)) return;
    model.machines.delete(id);
    model.remove('machine', id, { id });
  };
  // A machine whose agent is down never confirms its own death: without force it stays dying (Juju).
  if (machine.agentStatus.status === 'down' && !options.force) return { units };
  if (machine.instanceId === '' || options.keep) {
    finish();
  } else {
    model.env.provisioner.stopInstance(machine.instanceId).then(finish, (error: unknown) => {
      // Forced: the cloud's refusal (a host that does not answer) does not keep the machine in the model.
      if (options.force) return finish();
      machine.life = 'alive';
      const message = error instanceof Error ? error.message : String(error);
      model.setMachineStatus(machine, 'instanceStatus', status('error', `release failed: ${message}`));
    });
  }
  return { units };
}
