import { MaasClient } from '@edgekit/maas-client';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { type JujuSim, type SimModel, type StartJujuSimOptions, startJujuSim } from '../../src/index.js';
import { type Wire, WireClient } from './wire.js';

/** Both simulators compressed hard enough that a full deployment takes well under a second of hooks. */
export const TIME_SCALE = 5000;

export interface Env {
  maasSim: MaasSim;
  maas: MaasClient;
  sim: JujuSim;
  model: SimModel;
  client: WireClient;
  close(): Promise<void>;
}

export async function startEnv(options: Partial<StartJujuSimOptions> = {}): Promise<Env> {
  const maasSim = await startMaasSim({ timeScale: TIME_SCALE, seed: 7 });
  const sim = await startJujuSim({
    maas: { url: maasSim.url, apiKey: maasSim.apiKey },
    timeScale: TIME_SCALE,
    ...options,
  });
  const model = sim.models.find((m) => m.name === 'default')!;
  const client = await WireClient.connect(model.url, sim.caCert);
  const login = await client.login(sim.user, sim.password);
  if (login.error) throw new Error(login.error);
  return {
    maasSim,
    maas: new MaasClient({ url: maasSim.url, apiKey: maasSim.apiKey }),
    sim,
    model,
    client,
    async close() {
      client.close();
      await sim.close();
      await maasSim.close();
    },
  };
}

/**
 * Waits, event-driven, until FullStatus satisfies `done`: each AllWatcher Next returns when the model
 * changed, and only then is the status read again. No sleeps, no timing assumptions.
 */
export async function waitForStatus(client: WireClient, done: (status: Wire) => boolean): Promise<Wire> {
  const { 'watcher-id': id } = await client.ok('Client', 8, 'WatchAll');
  try {
    for (;;) {
      const status = await client.ok('Client', 8, 'FullStatus', { patterns: [] });
      if (done(status)) return status;
      await client.ok('AllWatcher', 3, 'Next', {}, id);
    }
  } finally {
    await client.call('AllWatcher', 3, 'Stop', {}, id);
  }
}

/** Every unit (subordinates included) of a FullStatus, flattened. */
export function allUnits(status: Wire): [string, Wire][] {
  const out: [string, Wire][] = [];
  for (const app of Object.values<Wire>(status.applications)) {
    for (const [name, unit] of Object.entries<Wire>(app.units ?? {})) {
      out.push([name, unit]);
      for (const entry of Object.entries<Wire>(unit.subordinates ?? {})) out.push(entry);
    }
  }
  return out;
}
