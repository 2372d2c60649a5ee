import type { Lifecycle } from './domain/lifecycle.js';
import type { SimState } from './state/store.js';
import type { MaasVersion } from './version.js';

/** What every handler needs: the live site, its lifecycle engine and the impersonated MAAS version. */
export interface SimContext {
  state: SimState;
  lifecycle: Lifecycle;
  version: MaasVersion;
  /** Cache of serialised list bodies, keyed by route + query, dropped whenever the site changes. */
  listCache: Map<string, Buffer>;
}
