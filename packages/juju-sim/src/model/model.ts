import { EventEmitter } from 'node:events';
import type { CatalogueCharm } from '../charms/types.js';
import type { SimClock } from '../clock.js';
import type { Provisioner } from '../provisioner/types.js';
import type { JujuVersion } from '../rpc/facade-versions.js';
import type {
  ActionRecord,
  Application,
  Life,
  Machine,
  OperationRecord,
  Relation,
  StatusValue,
  Unit,
} from './entities.js';
import { status } from './entities.js';

/** Kinds of entity the AllWatcher reports. */
export type EntityKind =
  | 'model'
  | 'machine'
  | 'application'
  | 'unit'
  | 'relation'
  | 'annotation'
  | 'action'
  | 'charm';

export interface Removal {
  kind: EntityKind;
  id: string;
  revision: number;
  /** The identity fields of the removed entity, for the `remove` delta. */
  entity: Record<string, unknown>;
}

/** Fault switches that act inside a model (the connection-level ones live in the RPC layer). */
export interface ModelFaults {
  /** Unit or application names whose units fail their install hook. */
  unitErrors: Set<string>;
  /** Machine ids (as strings) whose provisioning fails. */
  provisioningErrors: Set<string>;
  /** Unit names whose agents are lost (not communicating) until the fault is cleared. */
  unitsLost: Set<string>;
}

export interface ModelEnv {
  controllerUUID: string;
  jujuVersion: JujuVersion;
  clock: SimClock;
  provisioner: Provisioner;
  faults: ModelFaults;
  cloud: string;
  region: string;
}

export interface AddedCharm {
  url: string;
  charm: CatalogueCharm;
  revision: number;
  channel: string;
}

/**
 * The state of one model. Every change bumps a revision on the changed entity so the AllWatcher can send
 * exactly what changed since a client's last Next, and emits `change` for long-polls and unit agents.
 */
export class Model extends EventEmitter {
  readonly machines = new Map<string, Machine>();
  readonly applications = new Map<string, Application>();
  readonly units = new Map<string, Unit>();
  readonly relations = new Map<number, Relation>();
  readonly charms = new Map<string, AddedCharm>();
  readonly annotations = new Map<string, Record<string, string>>();
  readonly actions = new Map<string, ActionRecord>();
  readonly operations = new Map<string, OperationRecord>();
  life: Life = 'alive';
  modelStatus: StatusValue = status('available');
  readonly created = new Date();

  private revision = 0;
  private readonly revisions = new Map<string, number>();
  private readonly removals: Removal[] = [];
  private nextMachine = 0;
  private nextRelation = 0;
  private nextAction = 0;
  private nextOperation = 0;

  constructor(
    readonly uuid: string,
    readonly name: string,
    readonly owner: string,
    readonly env: ModelEnv,
    readonly config: Record<string, unknown> = {},
  ) {
    super();
    this.setMaxListeners(0);
    this.touch('model', uuid);
  }

  get currentRevision(): number {
    return this.revision;
  }

  /** Marks an entity changed; watchers and unit agents react on the next tick. */
  touch(kind: EntityKind, id: string): void {
    this.revisions.set(`${kind}\u0000${id}`, ++this.revision);
    this.scheduleChangeEvent();
  }

  remove(kind: EntityKind, id: string, entity: Record<string, unknown>): void {
    this.revisions.delete(`${kind}\u0000${id}`);
    this.removals.push({ kind, id, revision: ++this.revision, entity });
    this.scheduleChangeEvent();
  }

  /** Entities changed after `since`, and removals after it. */
  changesSince(since: number): { changed: { kind: EntityKind; id: string }[]; removed: Removal[] } {
    const changed: { kind: EntityKind; id: string }[] = [];
    const ordered = [...this.revisions.entries()]
      .filter(([, rev]) => rev > since)
      .sort((a, b) => a[1] - b[1]);
    for (const [key] of ordered) {
      const [kind, id] = key.split('\u0000') as [EntityKind, string];
      changed.push({ kind, id });
    }
    return { changed, removed: this.removals.filter((removal) => removal.revision > since) };
  }

  private changePending = false;
  // Coalesces a burst of touches into one `change` event, the way Juju's multiwatcher batches deltas.
  private scheduleChangeEvent(): void {
    if (this.changePending) return;
    this.changePending = true;
    setImmediate(() => {
      this.changePending = false;
      this.emit('change');
    });
  }

  /** After restoring a site's model: the next ids follow the restored ones, as they would on that site. */
  continueIdsAfter(lastMachine: number, lastRelation: number): void {
    this.nextMachine = Math.max(this.nextMachine, lastMachine + 1);
    this.nextRelation = Math.max(this.nextRelation, lastRelation + 1);
  }

  newMachineId(): string {
    return String(this.nextMachine++);
  }

  newRelationId(): number {
    return this.nextRelation++;
  }

  newActionId(): string {
    return String(++this.nextAction);
  }

  newOperationId(): string {
    return String(++this.nextOperation);
  }

  setMachineStatus(machine: Machine, field: 'agentStatus' | 'instanceStatus', value: StatusValue): void {
    machine[field] = value;
    this.touch('machine', machine.id);
  }

  setUnitStatus(unit: Unit, agent: StatusValue | undefined, workload: StatusValue | undefined): void {
    if (agent) unit.agentStatus = agent;
    if (workload) unit.workloadStatus = workload;
    this.touch('unit', unit.name);
  }

  unitsOf(application: string): Unit[] {
    return [...this.units.values()].filter((unit) => unit.application === application);
  }

  relationsOf(application: string): Relation[] {
    return [...this.relations.values()].filter((relation) =>
      relation.endpoints.some((ep) => ep.application === application),
    );
  }
}
