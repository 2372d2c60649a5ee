import { errorKind } from '@edgekit/common';
import { MaasClient } from '@edgekit/maas-client';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { errorMessage } from '../ui/errorMessage.js';
import { chooseSite } from './choose.js';
import { DEMO_TIME_SCALE } from './demo.js';
import type { FirstReadInput, FirstReadPort } from './first-read.js';
import { loadInventory } from './maas-adapter.js';
import { maasClientOptions } from './maas-client-options.js';

/**
 * The first read's steps (in its worker thread, or inline from source): choose the site; on the demo,
 * start its MAAS simulator; read the inventory; then start the demo's Juju simulator (its RSA keys
 * would otherwise compete with the read) and keep both simulators until the main side closes.
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
  try {
    port.send({ type: 'inventory', inventory: await loadInventory(maas, stopped.signal) });
  } catch (error) {
    port.send({ type: 'failed', stage: 'inventory', message: errorMessage(error), usage: false });
  }
  if (sim === null) return;
  await hostJuju(sim, input, port);
}

async function hostJuju(maasSim: MaasSim, input: FirstReadInput, port: FirstReadPort): Promise<void> {
  const { startJujuSim } = await import('@edgekit/juju-sim');
  try {
    const jujuSim = await startJujuSim({
      host: '127.0.0.1',
      port: 0,
      maas: { url: maasSim.url, apiKey: maasSim.apiKey },
      timeScale: input.timeScale ?? DEMO_TIME_SCALE,
      seed: input.seed ?? 1,
    });
    const model = 'default';
    port.send({
      type: 'demo-juju',
      juju: { login: jujuSim.modelLogin(model), controllerName: jujuSim.controllerName, model },
    });
    await port.closed;
    await jujuSim.close();
  } catch (error) {
    port.send({ type: 'failed', stage: 'juju', message: errorMessage(error), usage: false });
    await port.closed;
  } finally {
    await maasSim.close();
  }
}
