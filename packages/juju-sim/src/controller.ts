import { randomUUID } from 'node:crypto';
import type { SimClock } from './clock.js';
import type { JujuSimFaults } from './faults.js';
import { UnitAgents } from './model/agents.js';
import { applyInstanceStates } from './model/instance-poller.js';
import { Model, type ModelFaults } from './model/model.js';
import { TIMINGS } from './model/timings.js';
import { applyLostUnits } from './model/unit-presence.js';
import type { Provisioner } from './provisioner/types.js';
import { alreadyExists, notFound, notValid } from './rpc/errors.js';
import type { JujuVersion } from './rpc/facade-versions.js';
import { emptyStats, type JujuSimStats } from './stats.js';

export interface ControllerConfig {
  name: string;
  uuid: string;
  jujuVersion: JujuVersion;
  user: string;
  password: string;
  cloud: string;
  region: string;
  clock: SimClock;
  provisioner: Provisioner;
  random: () => number;
  faults: JujuSimFaults;
  /** The workload model to start with (default `default`, a fresh UUID); a twin keeps its site's. */
  workloadModel?: { name: string; uuid: string };
}

export interface ModelSummary {
  name: string;
  uuid: string;
  owner: string;
  isController: boolean;
}

/** The controller's state: its models and the counters the RPC layer updates. */
export class Controller {
  readonly models = new Map<string, Model>();
  readonly stats: JujuSimStats = emptyStats();
  readonly modelFaults: ModelFaults;
  private readonly agents = new Map<string, UnitAgents>();
  /** Called after a model is created or removed (keeps the JUJU_DATA store in step); returns when written. */
  onModelsChanged: () => Promise<void> = async () => {};
  private storeWrite: Promise<void> = Promise.resolve();

  /** Resolves once the store reflects every model change so far (facades await it before replying). */
  storeWritten(): Promise<void> {
    return this.storeWrite;
  }

  private modelsChanged(): void {
    this.storeWrite = this.storeWrite.then(() => this.onModelsChanged()).catch(() => undefined);
  }

  constructor(readonly config: ControllerConfig) {
    this.modelFaults = {
      unitErrors: new Set(config.faults.unitErrors ?? []),
      provisioningErrors: new Set(config.faults.provisioningErrors ?? []),
      unitsLost: new Set(config.faults.unitsLost ?? []),
    };
    this.createModel('controller', config.user, {}, true);
    this.createModel(
      config.workloadModel?.name ?? 'default',
      config.user,
      {},
      false,
      config.workloadModel?.uuid,
    );
    this.scheduleInstancePoll();
  }

  // Juju's instance poller: read every provisioned instance's state from the cloud on the simulated clock.
  private scheduleInstancePoll(): void {
    const { provisioner, clock } = this.config;
    if (!provisioner.instanceStates) return;
    // At most one read every 25 ms of real time, however compressed the clock (tests run at 5000x).
    clock.after(Math.max(TIMINGS.instancePoll, clock.timeScale * 25), () => {
      void this.pollInstances().finally(() => this.scheduleInstancePoll());
    });
  }

  async pollInstances(): Promise<void> {
    const read = this.config.provisioner.instanceStates;
    if (!read) return;
    const models = [...this.models.values()];
    const ids = models.flatMap((model) =>
      [...model.machines.values()].filter((m) => m.instanceId !== '').map((m) => m.instanceId),
    );
    if (ids.length === 0) return;
    // A failed read changes nothing (Juju logs it and polls again).
    const states = await read.call(this.config.provisioner, ids).catch(() => null);
    if (!states) return;
    for (const model of models) applyInstanceStates(model, states);
  }

  get faults(): JujuSimFaults {
    return this.config.faults;
  }

  /** Merges `faults` into the current ones: a fault not named keeps its setting. */
  setFaults(faults: JujuSimFaults): void {
    this.useFaults({ ...this.config.faults, ...faults });
  }

  /** Turns every fault off, those given at start included. */
  clearFaults(): void {
    this.useFaults({});
  }

  private useFaults(faults: JujuSimFaults): void {
    this.config.faults = faults;
    this.modelFaults.unitErrors = new Set(faults.unitErrors ?? []);
    this.modelFaults.provisioningErrors = new Set(faults.provisioningErrors ?? []);
    this.modelFaults.unitsLost = new Set(faults.unitsLost ?? []);
    // Units lost or back at once, not at the next model change.
    for (const model of this.models.values()) applyLostUnits(model);
  }

  controllerModelUUID = '';

  createModel(
    name: string,
    owner: string,
    config: Record<string, unknown>,
    isController = false,
    uuid: string = randomUUID(),
  ): Model {
    if (!/^[a-z0-9]+[a-z0-9-]*$/.test(name)) {
      throw notValid(
        `${JSON.stringify(name)} is not a valid name: model names may only contain lowercase letters, digits and hyphens`,
      );
    }
    for (const model of this.models.values()) {
      if (model.name === name && model.owner === owner && model.life === 'alive') {
        throw alreadyExists(`model "${owner}/${name}" already exists`);
      }
    }
    const model = new Model(
      uuid,
      name,
      owner,
      {
        controllerUUID: this.config.uuid,
        jujuVersion: this.config.jujuVersion,
        clock: this.config.clock,
        provisioner: this.config.provisioner,
        faults: this.modelFaults,
        cloud: this.config.cloud,
        region: this.config.region,
      },
      config,
    );
    this.models.set(model.uuid, model);
    this.agents.set(model.uuid, new UnitAgents(model));
    if (isController) this.controllerModelUUID = model.uuid;
    this.modelsChanged();
    return model;
  }

  getModel(uuid: string): Model {
    const model = this.models.get(uuid);
    if (!model) throw notFound(`model ${JSON.stringify(uuid)} not found`);
    return model;
  }

  destroyModel(uuid: string): void {
    const model = this.getModel(uuid);
    if (uuid === this.controllerModelUUID) throw notValid('cannot destroy the controller model');
    model.life = 'dying';
    model.touch('model', uuid);
    const machines = [...model.machines.values()];
    const releases = machines
      .filter((machine) => machine.instanceId !== '')
      .map((machine) => this.config.provisioner.stopInstance(machine.instanceId));
    Promise.allSettled(releases).then(() => {
      model.life = 'dead';
      this.models.delete(uuid);
      this.agents.delete(uuid);
      // Wake long-polling watchers so they see the model go, then drop every listener.
      model.emit('change');
      model.removeAllListeners();
      this.modelsChanged();
    });
  }

  summaries(): ModelSummary[] {
    return [...this.models.values()].map((model) => ({
      name: model.name,
      uuid: model.uuid,
      owner: model.owner,
      isController: model.uuid === this.controllerModelUUID,
    }));
  }
}
