// Runs one applyUpgrade in its own process so a test can SIGKILL it at any point (see
// apply-child.ts: modules loaded first, then the run read as one JSON line on stdin, never argv).
import { JujuClient } from '@edgekit/juju-client';
import { applyUpgrade, loadUpgradePlanFile, upgradeJujuFromClient } from '../src/index.js';
import { readyThenReadConfig } from './child-config.js';

interface ChildConfig {
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
  });
  process.stdout.write('upgraded\n');
} finally {
  await client.close();
}
