export type EndpointRole = 'provider' | 'requirer' | 'peer';

/** A charm relation endpoint, as `CharmRelation` on the wire. */
export interface CharmEndpoint {
  name: string;
  interface: string;
  role: EndpointRole;
  scope: 'global' | 'container';
  limit: number;
  optional: boolean;
}

export interface CharmConfigOption {
  type: 'string' | 'int' | 'boolean' | 'float';
  default?: string | number | boolean;
  description: string;
}

export interface CharmAction {
  description: string;
  /** What the simulated action returns in `output` when it completes. */
  output: (unit: string) => Record<string, unknown>;
  /** How long it runs, in simulated ms (default TIMINGS.action). */
  durationMs?: number;
  /**
   * What it does to the unit beyond its output, as Charmed Kubernetes' charms do: `upgrade` installs
   * the snaps of the application's channel (the new workload version), `pause` cordons and drains
   * the node (the unit is out of service until `resume`).
   */
  effect?: 'upgrade' | 'pause' | 'resume';
}

/**
 * What a unit of this charm waits for before it goes active: an endpoint that must be related, and a
 * unit on the other side that is already active. `missing` is the status while the relation is absent.
 */
export interface ReadinessNeed {
  endpoint: string;
  missing: { status: 'blocked' | 'waiting'; message: string };
  waiting: string;
}

export interface CatalogueCharm {
  name: string;
  summary: string;
  subordinate: boolean;
  /** `<track>/<risk>` -> revision. The first entry is the default channel. */
  channels: Record<string, number>;
  bases: string[];
  endpoints: CharmEndpoint[];
  config: Record<string, CharmConfigOption>;
  actions: Record<string, CharmAction>;
  /** Workload version of the default channel. */
  workloadVersion: string;
  /** Workload version per channel track when it differs by track (`1.36` -> `1.36.1`). */
  workloadVersions?: Record<string, string>;
  /**
   * Charmed Kubernetes' control plane and workers: a refresh to another track leaves the snaps where
   * they were and the unit blocked ("Needs manual upgrade, run the upgrade action") until `upgrade` runs.
   */
  manualUpgrade?: boolean;
  needs: ReadinessNeed[];
  activeMessage: string;
  openedPorts: string[];
}
