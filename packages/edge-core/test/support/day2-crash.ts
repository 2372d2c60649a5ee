import { readFileSync, writeFileSync } from 'node:fs';
import { sleep } from '@edgekit/common';
import { unprovisioned } from '../../src/apply/juju-machines.js';
import {
  applyDrain,
  applyHeal,
  type Day2Plan,
  DRAINED_TAG,
  planDrain,
  planHeal,
  readLiveSite,
} from '../../src/index.js';
import { type Child, crashRunFiles, runAndKill, seededRandom, spawnChild } from './apply-crash-harness.js';
import { childLogins } from './child-config.js';
import { type Day2Site, haEdgeSite, hostsOfMachines, unitCounts } from './day2-site.js';
import { jujuMachinesByNode, newVmProblems } from './machine-problems.js';

/** The VM host of one control-plane VM: the host a drain or a failure in these tests takes away. */
export async function controlPlaneHost(
  site: Day2Site,
  skip: ReadonlySet<string> = new Set(),
): Promise<string> {
  const status = await site.juju.fullStatus();
  const where = await hostsOfMachines(site);
  const units = Object.values(status.applications['kubernetes-control-plane']?.units ?? {});
  const host = units.map((u) => where.get(u.machine)?.host).find((h) => h !== undefined && !skip.has(h));
  if (host === undefined) throw new Error('no control-plane VM found');
  return host;
}

/** Fails a VM host through maas-sim's control API and waits until Juju's instance poller shows its machines down. */
export async function failHost(site: Day2Site, host: string): Promise<void> {
  const answer = await fetch(`${site.maasSim.url}_sim/vm-hosts/${host}/fail/`, { method: 'POST' });
  if (answer.status !== 200) throw new Error(`fail ${host}: ${answer.status}`);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const live = await readLiveSite(site.maas, site.day2);
    const onHost = live.vms.filter((vm) => vm.vmHost.name === host);
    if (onHost.length > 0 && onHost.every((vm) => vm.agent === 'down')) return;
    await sleep(10);
  }
  throw new Error(`Juju never showed the machines of ${host} down`);
}

/**
 * What must hold once a drain or heal has converged: every application at its count from before, every
 * unit active and idle, none on an excluded host; each replacement VM exactly once in MAAS and under
 * exactly one Juju machine; no Juju machine left provisioning or doubled on one node; drain: the old VMs
 * gone and the host marked; heal: the lost machines gone from the model.
 */
export async function day2Problems(
  site: Day2Site,
  plan: Day2Plan,
  before: Record<string, number>,
): Promise<string[]> {
  const problems: string[] = [];
  const [machines, status, where] = await Promise.all([
    site.maas.machines.list(),
    site.juju.fullStatus(),
    hostsOfMachines(site),
  ]);
  const counts = unitCounts(status);
  if (JSON.stringify(counts) !== JSON.stringify(before))
    problems.push(`unit counts ${JSON.stringify(counts)}, before ${JSON.stringify(before)}`);
  for (const [app, live] of Object.entries(status.applications))
    for (const [name, unit] of Object.entries(live.units ?? {})) {
      if (unit['workload-status'].status !== 'active' || unit['agent-status'].status !== 'idle')
        problems.push(`${name} is ${unit['workload-status'].status}/${unit['agent-status'].status}`);
      const host = where.get(unit.machine)?.host;
      if (host !== undefined && plan.excludedHosts.includes(host))
        problems.push(`${name} (${app}) on ${host}`);
    }
  for (const machine of Object.values(status.machines))
    if (unprovisioned(machine)) problems.push(`Juju machine ${machine.id} never provisioned`);
  const { byNode: instances, problems: doubled } = jujuMachinesByNode(status);
  problems.push(...doubled);
  for (const r of plan.replacements) {
    problems.push(...newVmProblems(r.compose.params.hostname, machines, instances));
    if (status.machines[r.old.machine] !== undefined)
      problems.push(`old machine ${r.old.machine} still in Juju`);
    if (plan.kind === 'DrainPlan' && machines.some((m) => m.hostname === r.old.hostname))
      problems.push(`old VM ${r.old.hostname} still in MAAS`);
  }
  // No VM edgekit made is orphaned: each is a Juju machine, or (heal) a lost VM left for its host's return.
  const lost = new Set(plan.kind === 'HealPlan' ? plan.replacements.map((r) => r.old.systemId) : []);
  for (const m of machines)
    if (
      m.pod != null &&
      m.hostname.startsWith('ek-') &&
      !instances.has(m.system_id) &&
      !lost.has(m.system_id)
    )
      problems.push(`orphan VM ${m.hostname} (${m.status_name})`);
  if (plan.kind === 'DrainPlan') {
    const host = (await site.maas.vmHosts.list()).find((h) => h.name === plan.host?.name);
    if (!host?.tags.includes(DRAINED_TAG)) problems.push(`${plan.host?.name} not marked ${DRAINED_TAG}`);
  }
  return problems;
}

export interface Day2CrashResult {
  run: number;
  killAfter: number;
  first: 'killed' | 'finished';
  intents: number;
  problems: string[];
}

/**
 * One crash run on fresh simulators: the HA edge preset applied, a drain (of a control-plane host) or a
 * heal (after a control-plane host failed) planned here, run in a child SIGKILLed after its
 * `killAfter`-th journalled intent, then run again here from the same plan and journal.
 */
export async function day2CrashRun(
  mode: 'drain' | 'heal',
  run: number,
  child: Child,
  killAfter: number,
): Promise<Day2CrashResult> {
  const site = await haEdgeSite(`${mode}${run}`);
  try {
    const before = unitCounts(await site.juju.fullStatus());
    const host = await controlPlaneHost(site);
    if (mode === 'heal') await failHost(site, host);
    const plan =
      mode === 'drain'
        ? await planDrain({ maas: site.maas, juju: site.day2, host })
        : await planHeal({ maas: site.maas, juju: site.day2 });
    const { planPath, journalPath } = crashRunFiles(`ek-${mode}-crash-`, 'plan.json');
    writeFileSync(planPath, JSON.stringify(plan));
    const config = { ...childLogins(site), planPath, journalPath, pollIntervalMs: 10 };
    const first = await runAndKill(child, config, journalPath, killAfter);
    const options = { plan, maas: site.maas, juju: site.day2, journalPath, pollIntervalMs: 10 };
    await (mode === 'drain' ? applyDrain(options) : applyHeal(options));
    const intents = readFileSync(journalPath, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"kind":"intent"')).length;
    return { run, killAfter, first, intents, problems: await day2Problems(site, plan, before) };
  } finally {
    await site.close();
  }
}

/** `runs` crash runs of one mode at seeded kill points in 1..`maxIntent`, two at a time. */
export async function day2CrashRuns(
  mode: 'drain' | 'heal',
  runs: number,
  seed: number,
  maxIntent: number,
): Promise<Day2CrashResult[]> {
  const random = seededRandom(seed);
  const kills = Array.from({ length: runs }, () => 1 + Math.floor(random() * maxIntent));
  const results: Day2CrashResult[] = [];
  for (let start = 0; start < runs; start += 2) {
    const batch = kills.slice(start, start + 2);
    results.push(
      ...(await Promise.all(
        batch.map((k, i) => day2CrashRun(mode, start + i, spawnChild('day2-child.ts'), k)),
      )),
    );
  }
  return results;
}
