import { JujuClient } from '@edgekit/juju-client';
import { type JujuSim, type JujuSimFaults, startJujuSim } from '@edgekit/juju-sim';
import { MaasClient, type MaasClientOptions } from '@edgekit/maas-client';
import { type MaasSim, type MaasSimOptions, startMaasSim } from '@edgekit/maas-sim';
import { jujuApiFromClient } from '../src/apply/juju-adapter.js';
import type { Assignment, InventorySnapshot, JujuApi, Plan, Workload, WorkloadInput } from '../src/index.js';
import { headroom, WorkloadSchema } from '../src/index.js';

export interface Sites {
  maasSim: MaasSim;
  jujuSim: JujuSim;
  maas: MaasClient;
  juju: JujuApi;
  jujuClient: JujuClient;
  close(): Promise<void>;
}

/** Both simulators, wired together as a MAAS cloud under a Juju controller, plus clients for them. */
export interface SiteOptions {
  timeScale?: number;
  maas?: Partial<MaasSimOptions>;
  jujuFaults?: JujuSimFaults;
  maasRetry?: MaasClientOptions['retry'];
}

export async function startSites(options: SiteOptions = {}): Promise<Sites> {
  const timeScale = options.timeScale ?? 2000;
  const maasSim = await startMaasSim({ site: 'demo', timeScale, seed: 7, ...options.maas });
  const jujuSim = await startJujuSim({
    maas: { url: maasSim.url, apiKey: maasSim.apiKey },
    timeScale,
    seed: 7,
    ...(options.jujuFaults ? { faults: options.jujuFaults } : {}),
  });
  const model = jujuSim.models.find((m) => m.name === 'default') ?? jujuSim.models[0];
  if (model === undefined) throw new Error('the Juju simulator has no model');
  const jujuClient = await JujuClient.connect({
    endpoints: jujuSim.endpoints,
    caCert: jujuSim.caCert,
    user: jujuSim.user,
    password: jujuSim.password,
    modelUUID: model.uuid,
  });
  const maas = new MaasClient({
    url: maasSim.url,
    apiKey: maasSim.apiKey,
    ...(options.maasRetry === undefined ? {} : { retry: options.maasRetry }),
  });
  return {
    maasSim,
    jujuSim,
    maas,
    juju: jujuApiFromClient(jujuClient, model.uuid),
    jujuClient,
    async close() {
      await jujuClient.close();
      await jujuSim.close();
      await maasSim.close();
    },
  };
}

/**
 * A spread placement written for the tests: machine i of a role goes to the zone i mod 3, on the
 * host of that zone with the most free cores (server rule) that still admits it.
 */
export function spreadAssignments(inventory: InventorySnapshot, input: WorkloadInput): Assignment[] {
  const workload: Workload = WorkloadSchema.parse(input);
  const zones = [...new Set(inventory.vmHosts.map((h) => h.zone.name))].sort();
  const free = new Map(inventory.vmHosts.map((h) => [h.name, headroom(h, 'server')]));
  const assignments: Assignment[] = [];
  for (const [role, spec] of Object.entries(workload.roles)) {
    for (let index = 0; index < spec.count; index += 1) {
      if (spec.kind === 'bare-metal') {
        const machine = inventory.machines.find(
          (m) =>
            m.gpus.length >= spec.gpus &&
            m.status === 'Ready' &&
            m.vmHostId === null &&
            !assignments.some((a) => 'machine' in a && a.machine === m.systemId),
        );
        if (machine !== undefined) assignments.push({ role, index, machine: machine.systemId });
        continue;
      }
      const zone = zones[index % zones.length];
      const host = inventory.vmHosts
        .filter((h) => h.zone.name === zone)
        .filter(
          (h) =>
            (free.get(h.name)?.cores ?? 0) >= spec.cores &&
            (free.get(h.name)?.memoryMiB ?? 0) >= spec.memoryMiB,
        )
        .sort((a, b) => (free.get(b.name)?.cores ?? 0) - (free.get(a.name)?.cores ?? 0))[0];
      if (host === undefined) throw new Error(`no host in ${zone} admits ${role}/${index}`);
      const room = free.get(host.name);
      if (room !== undefined) {
        room.cores -= spec.cores;
        room.memoryMiB -= spec.memoryMiB;
      }
      assignments.push({ role, index, vmHost: host.name });
    }
  }
  return assignments;
}

/**
 * Everything that must hold once a plan is applied, checked against both simulators through their
 * APIs: each planned VM exists exactly once, on its planned host, Deployed and tagged; no VM of the
 * plan that the plan does not have; one Juju machine per planned machine, on its node; every unit on
 * the machine the overlay put it on, active and idle; nothing else in the model.
 */
export async function consistencyProblems(
  plan: Plan,
  maas: MaasClient,
  juju: JujuApi,
  preexistingVms: ReadonlySet<string>,
): Promise<string[]> {
  const problems: string[] = [];
  const machines = await maas.machines.list();
  const planned = new Map(plan.placement.machines.map((m) => [m.hostname, m]));
  const systemIds = new Map<string, string>();
  for (const machine of plan.placement.machines) {
    const found = machines.filter((m) => m.hostname === machine.hostname);
    if (found.length !== 1) problems.push(`${machine.hostname}: ${found.length} MAAS machines`);
    const live = found[0];
    if (live === undefined) continue;
    systemIds.set(live.system_id, machine.hostname);
    if (machine.target.kind === 'vm' && live.pod?.id !== machine.target.vmHostId)
      problems.push(`${machine.hostname} is on pod ${live.pod?.id}`);
    if (live.status_name !== 'Deployed') problems.push(`${machine.hostname} is ${live.status_name}`);
    for (const tag of plan.outputs.machineTags.find((t) => t.hostname === machine.hostname)?.tags ?? []) {
      if (!live.tag_names.includes(tag)) problems.push(`${machine.hostname} lacks tag ${tag}`);
    }
  }
  for (const machine of machines) {
    const isVm = machine.pod != null;
    if (isVm && !planned.has(machine.hostname) && !preexistingVms.has(machine.hostname))
      problems.push(`orphan VM ${machine.hostname}`);
    if (machine.tag_names.includes(plan.outputs.tags.plan) && !planned.has(machine.hostname))
      problems.push(`orphan tagged ${machine.hostname}`);
  }
  const status = await juju.fullStatus();
  const jujuByHostname = new Map<string, string>();
  for (const machine of Object.values(status.machines)) {
    const hostname = systemIds.get(machine['instance-id']);
    if (hostname === undefined)
      problems.push(`orphan Juju machine ${machine.id} (${machine['instance-id'] || 'not provisioned'})`);
    else if (jujuByHostname.has(hostname)) problems.push(`two Juju machines on ${hostname}`);
    else jujuByHostname.set(hostname, machine.id);
  }
  for (const [app, spec] of Object.entries(plan.workload.applications)) {
    const live = status.applications[app];
    if (live === undefined) {
      problems.push(`application ${app} missing`);
      continue;
    }
    if (spec.subordinate) continue;
    const expected = plan.placement.machines
      .filter((m) => plan.workload.roles[m.role]?.applications.includes(app))
      .map((m) => jujuByHostname.get(m.hostname))
      .sort();
    const units = Object.entries(live.units ?? {});
    const actual = units.map(([, u]) => u.machine).sort();
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      problems.push(`${app} units on machines ${actual.join(',')}, planned ${expected.join(',')}`);
    for (const [name, unit] of units) {
      if (unit['workload-status'].status !== 'active' || unit['agent-status'].status !== 'idle') {
        problems.push(`${name} is ${unit['workload-status'].status}/${unit['agent-status'].status}`);
      }
    }
  }
  for (const app of Object.keys(status.applications))
    if (plan.workload.applications[app] === undefined) problems.push(`orphan application ${app}`);
  return problems;
}
