// Runs one apply in its own process so a test can SIGKILL it at any point. The process loads its
// modules first and says "ready", then reads its configuration (credentials included) as one JSON
// line on stdin: never argv, so nothing shows up in process lists, and a test can start the next
// child while the current run is still going.
import { JujuClient } from '@edgekit/juju-client';
import { MaasClient } from '@edgekit/maas-client';
import { jujuApiFromClient } from '../../src/apply/juju-adapter.js';
import { applyPlan, loadPlanFile } from '../../src/index.js';
import { UNDER_FAULTS } from './apply-helpers.js';
import { type ChildLogins, readyThenReadConfig } from './child-config.js';

interface ChildConfig extends ChildLogins {
  planPath: string;
  journalPath: string;
  pollIntervalMs: number;
}

const config = await readyThenReadConfig<ChildConfig>();
const plan = await loadPlanFile(config.planPath);
const jujuClient = await JujuClient.connect(config.juju);
try {
  await applyPlan({
    plan,
    maas: new MaasClient(config.maas),
    juju: jujuApiFromClient(jujuClient, config.juju.modelUUID),
    journalPath: config.journalPath,
    ...UNDER_FAULTS,
    pollIntervalMs: config.pollIntervalMs,
  });
  process.stdout.write('applied\n');
} finally {
  await jujuClient.close();
}
