import { randomBytes, randomUUID } from 'node:crypto';
import { SimClock, seededRandom } from './clock.js';
import { Controller, type ModelSummary } from './controller.js';
import { checkFaults, type JujuSimFaults } from './faults.js';
import { writeJujuData } from './juju-data.js';
import { restoreModel } from './model/restore.js';
import { readSnapshotHardware, readSnapshotJuju, SnapshotReadError } from './model/snapshot-reader.js';
import { createMaasProvisioner } from './provisioner/maas.js';
import type { Provisioner } from './provisioner/types.js';
import { type JujuVersion, SUPPORTED_JUJU_VERSIONS } from './rpc/facade-versions.js';
import { startApiServer } from './rpc/server.js';
import { type JujuSimStats, snapshotStats } from './stats.js';
import { generateControllerCertificates } from './tls/certificates.js';

export interface StartJujuSimOptions {
  /** Loopback by default; the certificate also covers this host. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The MAAS the controller provisions from, as Juju's MAAS provider would (`juju add-cloud` + credential). */
  maas?: { url: string; apiKey: string };
  /** Advanced: provision through something other than MAAS (e.g. a MAAS client with custom TLS). */
  provisioner?: Provisioner;
  jujuVersion?: JujuVersion;
  /** Simulated seconds per real second for hooks, agents and MAAS polling (default 1). */
  timeScale?: number;
  faults?: JujuSimFaults;
  /** Seeds fault dice so a failing run can be replayed. */
  seed?: number;
  /** Write controllers.yaml, accounts.yaml and models.yaml here (a JUJU_DATA folder). */
  jujuDataDir?: string;
  controllerName?: string;
  user?: string;
  /** Generated when absent. */
  password?: string;
  /** Close sockets that have not logged in after this long (default 60 000 ms, as Juju). */
  loginTimeoutMs?: number;
  /**
   * An edgekit site snapshot document (`kind: SiteSnapshot`, parsed from YAML or JSON): the controller
   * starts with its model as captured (applications, machines on their MAAS system ids, units, relations,
   * statuses) and its Juju version. Start the MAAS simulator from the same snapshot and pass it as `maas`.
   */
  from?: unknown;
}

export interface SimModel {
  name: string;
  uuid: string;
  owner: string;
  /** `wss://host:port/model/<uuid>/api` */
  url: string;
}

export interface ModelLogin {
  endpoints: string[];
  caCert: string;
  user: string;
  password: string;
  modelUUID: string;
}

export interface JujuSim {
  /** `host:port` strings, as controllers.yaml `api-endpoints`. */
  endpoints: string[];
  /** `wss://host:port/api` */
  controllerUrl: string;
  caCert: string;
  user: string;
  password: string;
  controllerUUID: string;
  controllerName: string;
  jujuVersion: JujuVersion;
  /** The controller's current models (live). */
  readonly models: SimModel[];
  modelUrl(uuid: string): string;
  /**
   * What a client needs to log in to a model (default: `default`), in the shape Juju clients take:
   * endpoints, CA, credentials and the model UUID. Throws when there is no such model.
   */
  modelLogin(name?: string): ModelLogin;
  /** Merges into the current faults: a fault not named keeps its setting. */
  setFaults(faults: JujuSimFaults): void;
  /** Turns every fault off, those given at start included (maas-sim's handle has the same). */
  clearFaults(): void;
  stats(): JujuSimStats;
  close(): Promise<void>;
}

/** A captured Juju version the simulator speaks; anything else is a one-line error naming the path. */
function snapshotJujuVersion(version: string): JujuVersion {
  const supported = SUPPORTED_JUJU_VERSIONS.find((candidate) => candidate === version);
  if (supported === undefined)
    throw new SnapshotReadError(
      'juju.version',
      `the simulator speaks Juju ${SUPPORTED_JUJU_VERSIONS.join(', ')}, not ${version}`,
    );
  return supported;
}

export async function startJujuSim(options: StartJujuSimOptions = {}): Promise<JujuSim> {
  const host = options.host ?? '127.0.0.1';
  // Read (and so checked, path by path) before anything starts.
  const twin = options.from === undefined ? null : readSnapshotJuju(options.from);
  const hardware = options.from === undefined ? new Map<string, never>() : readSnapshotHardware(options.from);
  const jujuVersion = options.jujuVersion ?? (twin ? snapshotJujuVersion(twin.version) : '3.6.14');
  if (!SUPPORTED_JUJU_VERSIONS.includes(jujuVersion)) {
    throw new RangeError(
      `jujuVersion must be one of ${SUPPORTED_JUJU_VERSIONS.join(', ')}, got ${jujuVersion}`,
    );
  }
  const timeScale = options.timeScale ?? 1;
  const faults: JujuSimFaults = { ...(options.faults ?? {}) };
  checkFaults(faults);
  const clock = new SimClock(timeScale);
  let provisioner = options.provisioner;
  if (!provisioner) {
    if (!options.maas?.url || !options.maas.apiKey) {
      throw new TypeError(
        'startJujuSim needs maas: { url, apiKey } (start @edgekit/maas-sim for one) or a provisioner to create machines',
      );
    }
    provisioner = createMaasProvisioner({ url: options.maas.url, apiKey: options.maas.apiKey, timeScale });
  }
  const uuid = randomUUID();
  const user = options.user ?? 'admin';
  const password = options.password ?? randomBytes(16).toString('hex');
  const controllerName = options.controllerName ?? 'juju-sim';
  const controller = new Controller({
    name: controllerName,
    uuid,
    jujuVersion,
    user,
    password,
    cloud: 'maas',
    region: 'default',
    clock,
    provisioner,
    random: seededRandom(options.seed ?? 1),
    faults,
    ...(twin ? { workloadModel: { name: twin.model, uuid: twin.modelUUID } } : {}),
  });
  if (twin) {
    const model = controller.getModel(twin.modelUUID);
    try {
      restoreModel(model, twin, hardware);
    } catch (error) {
      // Nothing stays running after a snapshot is refused: the controller's poller is on this clock.
      clock.stop();
      throw error;
    }
  }
  const certificates = await generateControllerCertificates(uuid, [host]);
  const server = await startApiServer(controller, certificates, {
    host,
    port: options.port ?? 0,
    loginTimeoutMs: options.loginTimeoutMs ?? 60_000,
  });
  const hostPort = host.includes(':') ? `[${host}]:${server.port}` : `${host}:${server.port}`;
  const modelUrl = (modelUUID: string) => `wss://${hostPort}/model/${modelUUID}/api`;

  let dropTimer: NodeJS.Timeout | undefined;
  const scheduleDrops = () => {
    clearInterval(dropTimer);
    dropTimer = undefined;
    const every = controller.faults.dropConnectionsEveryMs;
    if (every && every > 0) {
      dropTimer = setInterval(() => {
        for (const session of server.sessions) session.drop();
      }, every);
    }
  };
  scheduleDrops();

  const summaries = (): ModelSummary[] => controller.summaries();
  const writeStore = async () => {
    if (!options.jujuDataDir) return;
    const all = summaries();
    const current = all.find((model) => model.name === 'default') ?? all[0];
    await writeJujuData(options.jujuDataDir, {
      controllerName,
      controllerUUID: uuid,
      endpoints: [hostPort],
      caCert: certificates.caCert,
      user,
      password,
      jujuVersion,
      cloud: 'maas',
      region: 'default',
      models: all,
      currentModel: current ? `${current.owner}/${current.name}` : '',
    });
  };
  await writeStore();
  // Like `juju add-model` / `destroy-model` on the CLI, keep models.yaml in step with the controller.
  controller.onModelsChanged = writeStore;

  return {
    endpoints: [hostPort],
    controllerUrl: `wss://${hostPort}/api`,
    caCert: certificates.caCert,
    user,
    password,
    controllerUUID: uuid,
    controllerName,
    jujuVersion,
    get models() {
      return summaries().map((model) => ({
        name: model.name,
        uuid: model.uuid,
        owner: model.owner,
        url: modelUrl(model.uuid),
      }));
    },
    modelUrl,
    modelLogin(name = 'default') {
      const model = summaries().find((summary) => summary.name === name);
      if (model === undefined) throw new Error(`the Juju simulator has no model "${name}"`);
      return { endpoints: [hostPort], caCert: certificates.caCert, user, password, modelUUID: model.uuid };
    },
    setFaults(next) {
      checkFaults(next);
      controller.setFaults(next);
      scheduleDrops();
    },
    clearFaults() {
      controller.clearFaults();
      scheduleDrops();
    },
    stats: () => snapshotStats(controller.stats),
    async close() {
      await controller.storeWritten();
      clearInterval(dropTimer);
      clock.stop();
      await server.close();
    },
  };
}
