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
  workloadVersion: string;
  needs: ReadinessNeed[];
  activeMessage: string;
  openedPorts: string[];
}
