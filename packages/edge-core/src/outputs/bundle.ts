import { stringify as stringifyYaml } from 'yaml';
import { PlanInputError } from '../plan/errors.js';
import type { JujuMachine, PlannedMachine } from '../plan/schema.js';
import { unitCount, type Workload } from '../plan/workload.js';
import { constraintsText } from './constraints.js';
import { planTag, roleTag } from './names.js';

/** Ubuntu release names for the bases Charmed Kubernetes supports; bundles like CK's still say `series`. */
const SERIES_BY_BASE: Record<string, string> = {
  'ubuntu@20.04': 'focal',
  'ubuntu@22.04': 'jammy',
  'ubuntu@24.04': 'noble',
};

function baseFields(base: string): Record<string, string> {
  const series = SERIES_BY_BASE[base];
  return series === undefined ? { 'default-base': base } : { series };
}

/**
 * The workload as a bundle shaped like the Charmed Kubernetes one in the fixtures: applications with
 * charm, channel, units, constraints, options and expose, then the relations. No placement: that is the
 * overlay's job, so the same bundle deploys anywhere.
 */
export function renderBundle(workload: Workload, planId: string): string {
  const applications: Record<string, Record<string, unknown>> = {};
  for (const name of Object.keys(workload.applications).sort()) {
    const app = workload.applications[name];
    if (app === undefined) continue;
    const entry: Record<string, unknown> = {};
    if (app.annotations !== undefined) entry.annotations = app.annotations;
    if (app.channel !== undefined) entry.channel = app.channel;
    entry.charm = app.charm;
    if (app.revision !== undefined) entry.revision = app.revision;
    if (!app.subordinate) {
      const role = Object.values(workload.roles).find((candidate) => candidate.applications.includes(name));
      if (role !== undefined) {
        entry.constraints = constraintsText({
          cores: role.cores,
          memMiB: role.memoryMiB,
          rootDiskMiB: (role.disks[0]?.sizeGB ?? 0) * 1024,
        });
      }
      if (app.expose === true) entry.expose = true;
      entry.num_units = unitCount(workload, name);
    }
    if (app.options !== undefined) entry.options = app.options;
    applications[name] = entry;
  }
  return stringifyYaml(
    {
      description: `${workload.name}, planned by edgekit (plan ${planId}).`,
      ...baseFields(workload.base),
      name: workload.name,
      applications,
      relations: workload.relations.map((pair) => [...pair]),
    },
    { lineWidth: 0 },
  );
}

/** Juju machine constraints that select exactly the MAAS node a planned machine became. */
export function machineConstraints(machine: PlannedMachine, workload: Workload, planId: string): string {
  const role = workload.roles[machine.role];
  if (role === undefined)
    throw new PlanInputError(`machine ${machine.hostname} has unknown role "${machine.role}"`);
  return constraintsText({
    cores: role.cores,
    memMiB: role.memoryMiB,
    rootDiskMiB: (role.disks[0]?.sizeGB ?? 0) * 1024,
    tags: [planTag(planId), roleTag(machine.role)],
    zones: [machine.zone.name],
  });
}

/**
 * The placement overlay: one `machines:` entry per planned machine (constraints with `tags=` and the
 * zone), and for every application `to:` the machines of the roles that carry it. Apply adds each Juju
 * machine first with a placement directive naming its MAAS node (hostname for composed VMs,
 * `system-id=` for bare metal) and maps the overlay's machines onto them, as `juju deploy
 * --map-machines=existing` does.
 */
export function renderOverlay(
  workload: Workload,
  machines: readonly PlannedMachine[],
  planId: string,
): { overlay: string; jujuMachines: JujuMachine[] } {
  const jujuMachines: JujuMachine[] = [];
  const overlayMachines: Record<string, Record<string, unknown>> = {};
  machines.forEach((machine, index) => {
    const key = String(index);
    const constraints = machineConstraints(machine, workload, planId);
    overlayMachines[key] = {
      constraints,
      ...baseFields(workload.base),
      annotations: { 'edgekit-hostname': machine.hostname },
    };
    jujuMachines.push({
      bundleMachine: key,
      hostname: machine.hostname,
      placement:
        machine.target.kind === 'bare-metal' ? `system-id=${machine.target.systemId}` : machine.hostname,
      constraints,
    });
  });
  const applications: Record<string, Record<string, unknown>> = {};
  for (const name of Object.keys(workload.applications).sort()) {
    const app = workload.applications[name];
    if (app === undefined || app.subordinate) continue;
    const to = machines.flatMap((machine, index) =>
      workload.roles[machine.role]?.applications.includes(name) === true ? [String(index)] : [],
    );
    applications[name] = { num_units: to.length, to };
  }
  const overlay = stringifyYaml(
    {
      description: `Placement of every unit on its planned machine (edgekit plan ${planId}).`,
      machines: overlayMachines,
      applications,
    },
    { lineWidth: 0 },
  );
  return { overlay, jujuMachines };
}
