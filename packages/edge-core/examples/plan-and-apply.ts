// Plan the Charmed Kubernetes HA edge preset on a live MAAS and apply it, the way `edgekit plan` and
// `edgekit apply` do. The README quotes this file; test/example.test.ts runs it against the simulators.
import { readFile } from 'node:fs/promises';
import type { JujuClient } from '@edgekit/juju-client';
import type { MaasClient } from '@edgekit/maas-client';
import {
  applyPlan,
  diffPlan,
  jujuApiFromClient,
  planWorkload,
  presets,
  savePlanFile,
  takeInventory,
  workloadFromPreset,
} from '../src/index.js';

export interface Site {
  maas: MaasClient;
  juju: JujuClient;
  modelUUID: string;
  /** The Charmed Kubernetes bundle the preset takes its charms, options and relations from. */
  bundleFile: string;
  /** Where the plan and, beside it, its apply journal go. */
  planFile: string;
  /** Between MAAS and Juju status polls (default 2 s; fast simulators need less). */
  pollIntervalMs?: number;
}

export async function planAndApply({ maas, juju, modelUUID, bundleFile, planFile, pollIntervalMs }: Site) {
  const inventory = await takeInventory(maas); // VM hosts, ratios, pools, zones, GPUs: one snapshot
  const preset = presets['charmed-kubernetes-ha-edge'];
  if (preset === undefined) throw new Error('no such preset');
  const workload = workloadFromPreset(preset, [await readFile(bundleFile, 'utf8')]);
  const plan = planWorkload({ inventory, workload, objective: 'spread', rule: 'server' });
  await savePlanFile(planFile, plan); // compose requests, bundle and overlay, all in one YAML file

  const jujuApi = jujuApiFromClient(juju, modelUUID);
  const diff = diffPlan(plan, await takeInventory(maas), await jujuApi.fullStatus());
  // Journalled: after a crash, running this again resumes instead of composing twice.
  const result = await applyPlan({
    plan,
    maas,
    juju: jujuApi,
    journalPath: `${planFile}.journal.jsonl`,
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
    onEvent: (event) => {
      if (event.type === 'step-done') console.log(`ok ${event.step}`);
    },
  });
  return { plan, toCompose: diff.toCompose, machines: result.machines };
}
