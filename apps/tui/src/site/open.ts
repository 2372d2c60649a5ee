import { readFile } from 'node:fs/promises';
import { MaasClient } from '@edgekit/maas-client';
import { startMaasSim } from '@edgekit/maas-sim';
import type { SiteChoice } from './choose.js';
import type { SiteDescription } from './model.js';

/** A connected site: SDK clients plus the simulators started for it, closed together. */
export interface OpenedSite {
  description: SiteDescription;
  maas: MaasClient;
  /** Secrets in play, for redacting anything printed. */
  secrets: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Seed of the simulated demo site, so two runs show the same machines. */
  seed?: number;
  /** Speed-up of simulated time (deploys, commissioning); 1 is real MAAS pace. */
  timeScale?: number;
}

/** The demo runs fast: a deploy that takes minutes on real hardware takes seconds here. */
export const DEMO_TIME_SCALE = 60;

export async function openSite(choice: SiteChoice, options: OpenOptions = {}): Promise<OpenedSite> {
  if (choice.kind === 'demo') return openDemo(options);
  const { maas: profile } = choice;
  const ca = profile.caCertFile === undefined ? undefined : await readFile(profile.caCertFile, 'utf8');
  const maas = new MaasClient({
    url: profile.url,
    apiKey: profile.apiKey,
    ...(ca === undefined ? {} : { ca }),
    ...(profile.insecure ? { insecure: true } : {}),
  });
  return {
    description: { simulated: false, maasUrl: maas.url, jujuEndpoint: null, profile: choice.label },
    maas,
    secrets: [profile.apiKey],
    close: async () => {},
  };
}

async function openDemo(options: OpenOptions): Promise<OpenedSite> {
  const sim = await startMaasSim({
    host: '127.0.0.1',
    port: 0,
    site: 'demo',
    seed: options.seed ?? 1,
    timeScale: options.timeScale ?? DEMO_TIME_SCALE,
  });
  const maas = new MaasClient({ url: sim.url, apiKey: sim.apiKey });
  return {
    description: { simulated: true, maasUrl: sim.url, jujuEndpoint: null, profile: 'demo (simulated)' },
    maas,
    secrets: [sim.apiKey, sim.adminPassword],
    close: () => sim.close(),
  };
}
