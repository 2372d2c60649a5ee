import { errorKind } from '@edgekit/common';
import { MaasClient } from '@edgekit/maas-client';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { errorMessage } from '../ui/errorMessage.js';
import { chooseSite } from './choose.js';
import { DEMO_TIME_SCALE } from './demo.js';
import type { FirstReadInput, FirstReadPort } from './first-read.js';
import { loadInventoryInSteps } from './maas-adapter.js';
import { maasClientOptions } from './maas-client-options.js';

/**
 * The first read's steps (in its worker thread, or inline from source): choose the site; on the demo,
 * start its MAAS simulator; read the inventory, its lists first; then start the demo's Juju simulator
 * (its RSA keys would otherwise compete with the read) and keep both simulators until the main side
 * closes.
 */
export async function runFirstRead(input: FirstReadInput, port: FirstReadPort): Promise<void> {
  // Closing stops the read too: a MAAS that does not answer must not hold the UI's exit (Ctrl-C).
  const stopped = new AbortController();
  void port.closed.then(() => stopped.abort());
  let sim: MaasSim | null = null;
  let maas: MaasClient;
  try {
    const choice = await chooseSite(input.flags, input.env);
    port.send({ type: 'choice', choice });
    if (choice.kind === 'real') {
      maas = new MaasClient(await maasClientOptions(choice.maas));
    } else {
      sim = await startMaasSim({
        host: '127.0.0.1',
        port: 0,
        site: 'demo',
        seed: input.seed ?? 1,
        timeScale: input.timeScale ?? DEMO_TIME_SCALE,
      });
      port.send({
        type: 'demo-maas',
        maas: { url: sim.url, apiKey: sim.apiKey },
        secrets: [sim.apiKey, sim.adminPassword],
      });
      maas = new MaasClient({ url: sim.url, apiKey: sim.apiKey });
    }
  } catch (error) {
    // A failure after the choice was sent (a CA file that cannot be read) fails what is still pending.
    await sim?.close();
    port.send({
      type: 'failed',
      stage: 'choice',
      message: errorMessage(error),
      usage: errorKind(error) === 'usage',
    });
    return;
  }
  let stage: 'inventory' | 'complete' = 'inventory';
  try {
    // The lists are enough for the first screen: they go ahead of the GPU reads (one call per machine).
    const whole = await loadInventoryInSteps(
      maas,
      (lists) => {
        port.send({ type: 'inventory', inventory: lists });
        stage = 'complete';
      },
      stopped.signal,
    );
    port.send({ type: 'complete', inventory: whole });
  } catch (error) {
    port.send({ type: 'failed', stage, message: errorMessage(error), usage: false });
  }
  if (sim === null) return;
  // A file of its own in the bundle (tsup.config.ts), loaded only now: the first paint does not wait on it.
  const { hostDemoJuju } = await import('./demo-juju.js');
  await hostDemoJuju(sim, input, port);
}
