import { startJujuSim } from '@edgekit/juju-sim';
import type { MaasSim } from '@edgekit/maas-sim';
import { errorMessage } from '../ui/errorMessage.js';
import { DEMO_TIME_SCALE } from './demo.js';
import type { FirstReadInput, FirstReadPort } from './first-read.js';

/**
 * The demo's Juju simulator, started by the first read once the inventory is out, on the demo's MAAS
 * simulator; both serve until the main side closes the first read.
 */
export async function hostDemoJuju(
  maasSim: MaasSim,
  input: FirstReadInput,
  port: FirstReadPort,
): Promise<void> {
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
