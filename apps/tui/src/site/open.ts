import type { SiteSnapshot } from '@edgekit/edge-core';
import { connectFromJujuData, JujuClient } from '@edgekit/juju-client';
import { type JujuSim, startJujuSim } from '@edgekit/juju-sim';
import { MaasClient } from '@edgekit/maas-client';
import { type SiteOption, startMaasSim } from '@edgekit/maas-sim';
import type { JujuProfile } from '../config/profiles.js';
import { errorMessage } from '../ui/errorMessage.js';
import type { SiteChoice } from './choose.js';
import { DEMO_LABEL, DEMO_TIME_SCALE } from './demo.js';
import type { HostedDemo, HostedJuju } from './first-read.js';
import { maasClientOptions } from './maas-client-options.js';
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
   * The site's first read (site/first-read.ts), made while the UI loaded and Juju connected: the first
   * screen shows it instead of reading again (its failure is the first read's failure).
   */
  firstInventory?: Promise<Inventory>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Seed of the simulated demo site, so two runs show the same machines. */
  seed?: number;
  /** Speed-up of simulated time (deploys, commissioning, hooks); 1 is real pace. */
  timeScale?: number;
  /** The first read of the site (the terminal UI's, site/first-read.ts), handed to its first screen. */
  firstInventory?: Promise<Inventory>;
}

const NO_JUJU =
  'No Juju controller configured: set JUJU_ENDPOINT, JUJU_USER and JUJU_PASSWORD, or `edgekit login juju`.';

export async function openSite(choice: SiteChoice, options: OpenOptions = {}): Promise<OpenedSite> {
  if (choice.kind === 'demo') return openDemo(options);
  const maas = new MaasClient(await maasClientOptions(choice.maas));
  const secrets = [choice.maas.apiKey];
  const { firstInventory } = options;
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
  return openSimulated({ site: 'demo', label: DEMO_LABEL }, options);
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
  let jujuSim: JujuSim;
  try {
    jujuSim = await startJujuSim({
      host: '127.0.0.1',
      port: 0,
      maas: { url: maasSim.url, apiKey: maasSim.apiKey },
      timeScale,
      seed: options.seed ?? 1,
      ...(simulated.from === undefined ? {} : { from: simulated.from }),
    });
  } catch (error) {
    await maasSim.close();
    throw error;
  }
  const model = simulated.from?.juju?.model ?? 'default';
  return connectSimulated(
    {
      maas: { url: maasSim.url, apiKey: maasSim.apiKey },
      juju: { login: jujuSim.modelLogin(model), controllerName: jujuSim.controllerName, model },
      secrets: [maasSim.apiKey, maasSim.adminPassword],
      label: simulated.label,
    },
    async () => {
      await jujuSim.close();
      await maasSim.close();
    },
  );
}

/**
 * The demo whose simulators the first read started in its thread (site/first-read.ts): connected from
 * here over loopback like any site; closing it stops them.
 */
export async function openHostedDemo(
  demo: HostedDemo,
  options: { firstInventory?: Promise<Inventory>; close: () => Promise<void> },
): Promise<OpenedSite> {
  let juju: HostedJuju;
  try {
    juju = await demo.juju;
  } catch (error) {
    await options.close();
    throw error;
  }
  const site = await connectSimulated(
    { maas: demo.maas, juju, secrets: demo.secrets, label: DEMO_LABEL },
    options.close,
  );
  return options.firstInventory === undefined ? site : { ...site, firstInventory: options.firstInventory };
}

interface SimulatedEndpoints {
  maas: { url: string; apiKey: string };
  juju: HostedJuju;
  /** The MAAS simulator's secrets (the Juju password is in its login). */
  secrets: string[];
  label: string;
}

/** Clients for simulators already listening; `stop` stops the simulators (after the clients close, or on failure). */
async function connectSimulated(sims: SimulatedEndpoints, stop: () => Promise<void>): Promise<OpenedSite> {
  const maas = new MaasClient({ url: sims.maas.url, apiKey: sims.maas.apiKey });
  const { login, controllerName, model } = sims.juju;
  let client: JujuClient;
  try {
    client = await JujuClient.connect(login);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    description: {
      simulated: true,
      maasUrl: sims.maas.url,
      jujuEndpoint: `${controllerName}/${model}`,
      profile: sims.label,
    },
    maas,
    juju: { client, controller: controllerName, model, modelUUID: login.modelUUID },
    jujuNote: '',
    jujuFailed: false,
    secrets: [...sims.secrets, login.password],
    close: async () => {
      await client.close().catch(() => undefined);
      await stop().catch(() => undefined);
    },
  };
}
