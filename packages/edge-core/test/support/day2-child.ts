// Runs one drain or heal in its own process so a test can SIGKILL it at any point (the protocol of
// apply-child.ts: "ready", then the configuration, credentials included, as one JSON line on stdin).
import { readFileSync } from 'node:fs';
import { JujuClient } from '@edgekit/juju-client';
import { MaasClient } from '@edgekit/maas-client';
import { applyDrain, applyHeal, Day2PlanSchema, day2JujuFromClient } from '../../src/index.js';
import { type ChildLogins, readyThenReadConfig } from './child-config.js';

interface ChildConfig extends ChildLogins {
  planPath: string;
  journalPath: string;
  pollIntervalMs: number;
}

const config = await readyThenReadConfig<ChildConfig>();
const plan = Day2PlanSchema.parse(JSON.parse(readFileSync(config.planPath, 'utf8')));
const jujuClient = await JujuClient.connect(config.juju);
try {
  const options = {
    plan,
    maas: new MaasClient(config.maas),
    juju: day2JujuFromClient(jujuClient, config.juju.modelUUID),
    journalPath: config.journalPath,
    pollIntervalMs: config.pollIntervalMs,
  };
  await (plan.kind === 'DrainPlan' ? applyDrain(options) : applyHeal(options));
  process.stdout.write('done\n');
} finally {
  await jujuClient.close();
}
