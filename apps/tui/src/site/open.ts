import { readInputFile, type SiteSnapshot } from '@edgekit/edge-core';
import { connectFromJujuData, JujuClient } from '@edgekit/juju-client';
import { startJujuSim } from '@edgekit/juju-sim';
import { MaasClient } from '@edgekit/maas-client';
import { type SiteOption, startMaasSim } from '@edgekit/maas-sim';
import type { JujuProfile } from '../config/profiles.js';
import { errorMessage } from '../ui/errorMessage.js';
import type { SiteChoice } from './choose.js';
import { loadInventory } from './maas-adapter.js';
import type { Inventory, SiteDescription } from './model.js';

/** A Juju model connection the TUI watches and apply deploys into. */
export interface JujuConnection {
  client: JujuClient;
  controller: string;
  model: string;
  modelUUID: string;
}

/** A connected site: SDK clients plus the simulators started for it, closed together. */
export interface OpenedSite {
  description: SiteDescription;
  maas: MaasClient;
  juju: JujuConnection | null;
  /** Why there is no Juju connection, for the screens. */
  jujuNote: string;
  /** Juju was configured but could not be reached or logged into (a partial failure, not "no Juju"). */
  jujuFailed: boolean;
  /** Secrets in play, for redacting anything printed. */
  secrets: string[];
  /**
   * The inventory read started as soon as MAAS was reachable, while Juju was still being connected:
   * the first screen shows it instead of reading again (its failure is the first read's failure).
   */
  firstInventory?: Promise<Inventory>;
  close(): Promise<void>;
}

/** Starts the first inventory read now, so it runs while Juju connects; nobody may be waiting yet. */
function readAhead(maas: MaasClient): Promise<Inventory> {
  const read = loadInventory(maas);
  read.catch(() => undefined);
  return read;
}

export interface OpenOptions {
  /** Seed of the simulated demo site, so two runs show the same machines. */
  seed?: number;
  /** Speed-up of simulated time (deploys, commissioning, hooks); 1 is real pace. */
  timeScale?: number;
  /**
   * Start the first inventory read while Juju connects (`firstInventory`), for a screen that shows it
   * first. Off by default: a command reads what it needs itself, and the read would go to waste.
   */
  readAhead?: boolean;
}

/** The demo runs fast: a deploy that takes minutes on real hardware takes seconds here. */
export const DEMO_TIME_SCALE = 60;

const NO_JUJU =
  'No Juju controller configured: set JUJU_ENDPOINT, JUJU_USER and JUJU_PASSWORD, or `edgekit login juju`.';

export async function openSite(choice: SiteChoice, options: OpenOptions = {}): Promise<OpenedSite> {
  if (choice.kind === 'demo') return openDemo(options);
  const { maas: profile } = choice;
  const ca = profile.caCertFile === undefined ? undefined : await readInputFile(profile.caCertFile);
  const maas = new MaasClient({
    url: profile.url,
    apiKey: profile.apiKey,
    ...(ca === undefined ? {} : { ca }),
    ...(profile.insecure ? { insecure: true } : {}),
  });
  const secrets = [profile.apiKey];
  const firstInventory = options.readAhead ? readAhead(maas) : undefined;
  let juju: JujuConnection | null = null;
  let jujuNote = NO_JUJU;
  let jujuFailed = false;
  if (choice.juju !== null) {
    if (choice.juju !== 'juju-data') secrets.push(choice.juju.password);
    // A Juju problem must not hide MAAS: the screens show the reason instead.
    try {
      juju = await connectJuju(choice.juju);
    } catch (error) {
      jujuNote = `Juju: ${errorMessage(error)}`;
      jujuFailed = true;
    }
  }
  return {
    description: {
      simulated: false,
      maasUrl: maas.url,
      jujuEndpoint: juju ? `${juju.controller}/${juju.model}` : null,
      profile: choice.label,
    },
    maas,
    juju,
    jujuNote,
    jujuFailed,
    secrets,
    ...(firstInventory === undefined ? {} : { firstInventory }),
    close: async () => {
      await juju?.client.close();
    },
  };
}

async function connectJuju(source: JujuProfile | 'juju-data'): Promise<JujuConnection> {
  if (source === 'juju-data') {
    const client = await connectFromJujuData({});
    if (client.modelUUID === undefined) {
      await client.close();
      throw new Error(
        'the Juju client store has no current model; run `juju switch <model>` or set JUJU_MODEL',
      );
    }
    return { client, controller: 'juju-data', model: client.modelUUID, modelUUID: client.modelUUID };
  }
  const base = {
    endpoints: source.endpoints,
    user: source.user,
    password: source.password,
    ...(source.caCert === undefined ? {} : { caCert: source.caCert }),
  };
  const controller = await JujuClient.connect(base);
  try {
    const wanted = source.model ?? 'default';
    const models = await controller.modelManager.listModels(source.user);
    const found = models.find((m) => m.model.name === wanted || m.model.uuid === wanted);
    if (found === undefined) {
      throw new Error(
        `no model "${wanted}" on ${source.endpoints[0]}; known: ${models.map((m) => m.model.name).join(', ')}`,
      );
    }
    const client = await controller.connectModel(found.model.uuid);
    return {
      client,
      controller: source.endpoints[0] ?? '',
      model: found.model.name,
      modelUUID: found.model.uuid,
    };
  } finally {
    await controller.close();
  }
}

function openDemo(options: OpenOptions): Promise<OpenedSite> {
  return openSimulated({ site: 'demo', label: 'demo (simulated)' }, options);
}

/**
 * A digital twin of a snapshotted site on loopback: MAAS with the same machines, VM hosts and VMs, and
 * the Juju model as captured. Nothing of the real site is touched.
 */
export function openTwin(snapshot: SiteSnapshot, options: OpenOptions = {}): Promise<OpenedSite> {
  return openSimulated(
    {
      site: { snapshot },
      from: snapshot,
      label: `twin of ${snapshot.source.maasUrl} (simulated)`,
    },
    options,
  );
}

interface Simulated {
  site: SiteOption;
  /** A site snapshot the Juju simulator restores its model from. */
  from?: SiteSnapshot;
  label: string;
}

async function openSimulated(simulated: Simulated, options: OpenOptions): Promise<OpenedSite> {
  const timeScale = options.timeScale ?? DEMO_TIME_SCALE;
  const maasSim = await startMaasSim({
    host: '127.0.0.1',
    port: 0,
    site: simulated.site,
    seed: options.seed ?? 1,
    timeScale,
  });
  const maas = new MaasClient({ url: maasSim.url, apiKey: maasSim.apiKey });
  // The demo's Juju controller generates its TLS keys first (RSA, off the event loop): read MAAS meanwhile.
  const firstInventory = options.readAhead ? readAhead(maas) : undefined;
  const closers: (() => Promise<void>)[] = [() => maasSim.close()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const jujuSim = await startJujuSim({
      host: '127.0.0.1',
      port: 0,
      maas: { url: maasSim.url, apiKey: maasSim.apiKey },
      timeScale,
      seed: options.seed ?? 1,
      ...(simulated.from === undefined ? {} : { from: simulated.from }),
    });
    closers.push(() => jujuSim.close());
    const model = simulated.from?.juju?.model ?? 'default';
    const login = jujuSim.modelLogin(model);
    const client = await JujuClient.connect(login);
    closers.push(() => client.close());
    return {
      description: {
        simulated: true,
        maasUrl: maasSim.url,
        jujuEndpoint: `${jujuSim.controllerName}/${model}`,
        profile: simulated.label,
      },
      maas,
      juju: { client, controller: jujuSim.controllerName, model, modelUUID: login.modelUUID },
      jujuNote: '',
      jujuFailed: false,
      secrets: [maasSim.apiKey, maasSim.adminPassword, jujuSim.password],
      ...(firstInventory === undefined ? {} : { firstInventory }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
