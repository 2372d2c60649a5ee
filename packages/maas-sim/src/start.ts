import type { AddressInfo } from 'node:net';
import { ScaledClock, type SimClock } from './clock.js';
import { Lifecycle } from './domain/lifecycle.js';
import { MaasSimError, simError } from './errors.js';
import { FaultInjector, type FaultRule, type FaultsOption } from './faults.js';
import { MaasHttpServer, type RequestStats } from './http/server.js';
import { seededRng } from './rng.js';
import type { SimContext } from './sim-context.js';
import { newState } from './sites/base.js';
import { demoSite } from './sites/demo.js';
import { type LargeSiteSize, largeSite } from './sites/large.js';
import { snapshotSite, versionOf } from './sites/snapshot.js';
import { readSnapshotMaas, type SnapshotMaas } from './sites/snapshot-reader.js';
import { loadSite, saveSite } from './state/persist.js';
import { SimState } from './state/store.js';
import { MAAS_VERSIONS, type MaasVersion } from './version.js';

/**
 * `demo`, `empty`, a generated large site, or a twin of a real one: `{ snapshot }` is an edgekit site
 * snapshot document (`kind: SiteSnapshot`, parsed from its YAML or JSON), read by the simulator's own reader.
 */
export type SiteOption = 'demo' | 'empty' | { large: LargeSiteSize } | { snapshot: unknown };

export interface MaasSimOptions {
  /** Interface to bind; loopback unless told otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  site?: SiteOption;
  maasVersion?: MaasVersion;
  /** Simulated seconds per real second (default 60: a 7-minute deployment takes 7 s). */
  timeScale?: number;
  /** JSON file to save the site to (atomically) and reload it from. */
  persist?: string;
  faults?: FaultsOption;
  seed?: number;
  /** Inject a clock (tests use `ManualClock` to advance lifecycles deterministically). */
  clock?: SimClock;
}

export interface MaasSim {
  /** `http://127.0.0.1:<port>/MAAS/` */
  url: string;
  /** `consumer_key:token_key:token_secret` of the admin user. */
  apiKey: string;
  adminUser: string;
  adminPassword: string;
  maasVersion: MaasVersion;
  clock: SimClock;
  /** Live site state, for tests that need to look behind the API. */
  state: SimState;
  stats(): RequestStats;
  /** Replace the active fault rules. */
  setFaults(rules: FaultRule[]): void;
  /**
   * Turns every fault off, those given at start included: the rules, and machine failures not yet met
   * (juju-sim's handle has the same).
   */
  clearFaults(): void;
  /** Make the next commissioning/testing/deployment of a machine fail. */
  injectFailure(hostnameOrSystemId: string, phase: 'commissioning' | 'testing' | 'deployment'): void;
  close(): Promise<void>;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw simError('invalid-option', message);
}

function validate(options: MaasSimOptions): void {
  const { port, timeScale, maasVersion, site } = options;
  check(
    port === undefined || (Number.isInteger(port) && port >= 0 && port < 65536),
    `port must be an integer 0-65535, got ${port}.`,
  );
  check(
    timeScale === undefined || (Number.isFinite(timeScale) && timeScale > 0),
    `timeScale must be a positive number, got ${timeScale}.`,
  );
  check(
    maasVersion === undefined || MAAS_VERSIONS.includes(maasVersion),
    `maasVersion must be one of ${MAAS_VERSIONS.join(', ')}; got '${maasVersion}'.`,
  );
  if (typeof site === 'object' && 'snapshot' in site) {
    // Read (and so checked, path by path) before anything starts.
  } else if (typeof site === 'object') {
    check(
      Number.isInteger(site.large.hosts) && site.large.hosts >= 0,
      'site.large.hosts must be a non-negative integer.',
    );
    check(
      Number.isInteger(site.large.machines) && site.large.machines >= 0,
      'site.large.machines must be a non-negative integer.',
    );
  } else {
    check(
      site === undefined || site === 'demo' || site === 'empty',
      `site must be 'demo', 'empty' or { large: { hosts, machines } }; got '${String(site)}'.`,
    );
  }
}

function buildState(
  options: MaasSimOptions,
  clock: SimClock,
  seed: number,
  twin: SnapshotMaas | undefined,
  version: MaasVersion,
): SimState {
  const rng = seededRng(seed);
  const saved = options.persist ? loadSite(options.persist) : undefined;
  if (saved) return new SimState(saved, clock, rng);
  const site = options.site ?? 'demo';
  if (twin) return snapshotSite(rng, clock, twin, version);
  if (site === 'demo') return demoSite(rng, clock);
  if (site === 'empty') return newState(rng, clock);
  if ('large' in site) return largeSite(rng, clock, site.large);
  return newState(rng, clock);
}

/** Starts a MAAS API 2.0 simulator on loopback. */
export async function startMaasSim(options: MaasSimOptions = {}): Promise<MaasSim> {
  validate(options);
  const seed = options.seed ?? 1;
  const site = options.site;
  const twin = typeof site === 'object' && 'snapshot' in site ? readSnapshotMaas(site.snapshot) : undefined;
  const maasVersion = options.maasVersion ?? (twin ? versionOf(twin.version) : '3.7');
  const saved = options.persist ? loadSite(options.persist) : undefined;
  // A reloaded site resumes its simulated clock where it stopped, so pending steps stay in the future.
  const clock =
    options.clock ?? new ScaledClock(options.timeScale ?? 60, Math.max(Date.now(), saved?.savedAt ?? 0));
  const state = buildState(options, clock, seed, twin, maasVersion);
  const lifecycle = new Lifecycle(state);
  const sim: SimContext = { state, lifecycle, version: maasVersion, listCache: new Map() };
  const faults = new FaultInjector(seededRng(seed ^ 0x5eed), options.faults?.rules ?? []);
  const injectFailure = (key: string, phase: 'commissioning' | 'testing' | 'deployment'): void => {
    const machine = state.data.machines.find((m) => m.hostname === key || m.systemId === key);
    if (!machine)
      throw simError('invalid-option', `No machine named '${key}' to inject a ${phase} failure into.`);
    machine.injectedFailure = phase;
    // A change of the site like any other: with `persist`, saved (a restart keeps the failure armed).
    state.touch();
  };
  for (const [hostname, phase] of Object.entries(options.faults?.machines ?? {}))
    injectFailure(hostname, phase);

  let saveTimer: NodeJS.Immediate | null = null;
  const persistNow = (): void => {
    if (!options.persist) return;
    state.data.savedAt = clock.now();
    saveSite(options.persist, state.data);
  };
  if (options.persist) {
    state.onChange(() => {
      saveTimer ??= setImmediate(() => {
        saveTimer = null;
        persistNow();
      });
    });
    persistNow();
  }
  lifecycle.runDue();

  const http = new MaasHttpServer(sim, faults);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', (error) =>
      reject(simError('invalid-option', `Cannot listen on ${host}:${options.port ?? 0}: ${error.message}`)),
    );
    http.server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = http.server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${hostForUrl}:${address.port}`;
  http.setOrigin(origin);
  const admin = state.data.users.find((u) => u.isSuperuser);
  const token = state.data.tokens.find((t) => t.username === admin?.username);
  if (!admin || !token)
    throw new MaasSimError('persist-failed', 'The site has no admin user with an API token.');

  return {
    url: `${origin}/MAAS/`,
    apiKey: `${token.consumerKey}:${token.tokenKey}:${token.tokenSecret}`,
    adminUser: admin.username,
    adminPassword: admin.password,
    maasVersion,
    clock,
    state,
    stats: () => ({
      ...http.stats,
      byMethod: { ...http.stats.byMethod },
      byOperation: { ...http.stats.byOperation },
      faultsInjected: faults.injected,
    }),
    setFaults: (rules) => faults.set(rules),
    clearFaults: () => {
      faults.set([]);
      for (const machine of state.data.machines) machine.injectedFailure = null;
      state.touch();
    },
    injectFailure,
    close: async () => {
      lifecycle.stop();
      if (saveTimer) clearImmediate(saveTimer);
      saveTimer = null;
      persistNow();
      http.server.closeAllConnections();
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
    },
  };
}
