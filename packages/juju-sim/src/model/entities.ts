import type { CatalogueCharm, CharmEndpoint } from '../charms/types.js';
import type { Constraints } from './constraints.js';

export type Life = 'alive' | 'dying' | 'dead';

/** One status value with the wall-clock time it was set (FullStatus `since`, watcher `since`). */
export interface StatusValue {
  status: string;
  info: string;
  since: Date;
  data?: Record<string, unknown>;
}

export interface Base {
  name: string;
  channel: string;
}

export interface Hardware {
  arch: string;
  cores: number;
  mem: number;
  rootDisk: number;
  zone?: string;
}

export interface Machine {
  id: string;
  base: Base;
  constraints: Constraints;
  placement?: string;
  life: Life;
  jobs: string[];
  instanceId: string;
  displayName: string;
  hostname?: string;
  dnsName: string;
  ipAddresses: string[];
  hardware?: Hardware;
  agentStatus: StatusValue;
  instanceStatus: StatusValue;
  modificationStatus: StatusValue;
  /** Set when the machine agent has started: units may begin installing. */
  started: boolean;
}

export interface Application {
  name: string;
  charm: CatalogueCharm;
  charmUrl: string;
  channel: string;
  revision: number;
  base: Base;
  config: Record<string, unknown>;
  constraints: Constraints;
  exposed: boolean;
  exposedEndpoints: Record<string, { 'expose-to-spaces'?: string[]; 'expose-to-cidrs'?: string[] }>;
  life: Life;
  nextUnit: number;
  endpointBindings: Record<string, string>;
  /** What the last unit to report one set (Juju keeps one per application: last writer wins). */
  workloadVersion: string;
}

/** Where a unit is in its simulated lifecycle. */
export type UnitPhase =
  | 'allocating'
  | 'installing'
  | 'settled'
  | 'configuring'
  | 'active'
  | 'error'
  | 'stopping'
  /** Running the upgrade-charm hook after Application.SetCharm. */
  | 'upgrading'
  /** Charmed Kubernetes after a track change: blocked until the `upgrade` action runs. */
  | 'needs-upgrade'
  /** Cordoned and drained by the `pause` action: out of service until `resume`. */
  | 'paused'
  /** Its agent is not talking to the controller: its machine is down, or the unitsLost fault names it. */
  | 'lost';

export interface Unit {
  name: string;
  application: string;
  machineId: string;
  /** For subordinate units: the principal unit they run beside. */
  principal?: string;
  life: Life;
  phase: UnitPhase;
  agentStatus: StatusValue;
  workloadStatus: StatusValue;
  leader: boolean;
  publicAddress: string;
  openedPorts: string[];
  /**
   * Phase and statuses when its agent was lost, restored when it reconnects, and what lost it: the
   * unitsLost fault or its machine going down (a unit captured lost from a real site has none, and stays
   * lost until its machine comes back).
   */
  lostFrom?: {
    phase: UnitPhase;
    agentStatus: StatusValue;
    workloadStatus: StatusValue;
    cause: 'fault' | 'machine';
  };
  /** Set while an upgrade-charm hook runs on a paused unit: the hook (or its re-run) leaves it paused. */
  upgradingPaused?: boolean;
  /** Charm URL the unit agent runs: differs from the application's while upgrade-charm is pending. */
  charmUrl: string;
  /** Track whose workload (snaps) the unit has installed, e.g. `1.35`. */
  workloadTrack: string;
  /** Version the charm last reported (`application-version-set`); '' until the workload first runs. */
  workloadVersion: string;
}

export interface RelationEndpoint extends CharmEndpoint {
  application: string;
}

export interface Relation {
  id: number;
  key: string;
  endpoints: RelationEndpoint[];
  interface: string;
  scope: 'global' | 'container';
  status: StatusValue;
  life: Life;
}

export interface ActionRecord {
  id: string;
  operationId: string;
  receiver: string;
  name: string;
  parameters: Record<string, unknown>;
  status: 'pending' | 'running' | 'completed' | 'failed';
  message: string;
  output: Record<string, unknown>;
  log: { timestamp: string; message: string }[];
  enqueued: Date;
  started?: Date;
  completed?: Date;
}

export interface OperationRecord {
  id: string;
  summary: string;
  actionIds: string[];
  enqueued: Date;
}

export const status = (value: string, info = '', data?: Record<string, unknown>): StatusValue => ({
  status: value,
  info,
  since: new Date(),
  ...(data ? { data } : {}),
});
