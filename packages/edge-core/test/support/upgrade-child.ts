// Runs one applyUpgrade in its own process so a test can SIGKILL it at any point (see
// apply-child.ts: modules loaded first, then the run read as one JSON line on stdin, never argv).
import { JujuClient } from '@edgekit/juju-client';
import { MaasClient } from '@edgekit/maas-client';
import {
  applyUpgrade,
  day2JujuFromClient,
  loadUpgradePlanFile,
  upgradeJujuFromClient,
} from '../../src/index.js';
import { readyThenReadConfig } from './child-config.js';

interface ChildConfig {
  /** Blue-green plans compose and retire VMs through MAAS. */
  maas?: { url: string; apiKey: string };
  juju: { endpoints: string[]; caCert: string; user: string; password: string; modelUUID: string };
  planPath: string;
  journalPath: string;
  pollMs: number;
}

const config = await readyThenReadConfig<ChildConfig>();
const plan = await loadUpgradePlanFile(config.planPath);
const client = await JujuClient.connect(config.juju);
try {
  await applyUpgrade({
    plan,
    juju: upgradeJujuFromClient(client),
    journalPath: config.journalPath,
    pollMs: config.pollMs,
    ...(config.maas === undefined
      ? {}
      : {
          site: {
            maas: new MaasClient(config.maas),
            juju: day2JujuFromClient(client, config.juju.modelUUID),
          },
        }),
  });
  process.stdout.write('upgraded\n');
} finally {
  await client.close();
}
