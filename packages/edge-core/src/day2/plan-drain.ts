import type { AdmissionRule } from '../inventory/headroom.js';
import { newPlanId } from '../plan/create.js';
import { PlanInputError } from '../plan/errors.js';
import { buildReplacements, byCriticality } from './build-replacements.js';
import type { Day2Juju, Day2Maas } from './clients.js';
import { type Day2Plan, Day2PlanSchema } from './day2-plan.js';
import { isDrained } from './drained-tag.js';
import { readLiveSite } from './live-site.js';
import { MACHINE_DOWN } from './plan-heal.js';

export interface PlanDrainOptions {
  maas: Day2Maas;
  juju: Day2Juju;
  host: string;
  rule?: AdmissionRule;
  id?: string;
}

/**
 * Plans emptying one VM host: every VM on it that carries Juju units gets a replacement placed by the
 * engine on the other hosts (drained ones excluded), etcd and control plane first; VMs without units
 * are listed, not touched. A replacement that does not fit refuses the drain: moving only some units
 * would leave the host half-drained, so the engine's explanation is the answer instead.
 */
export async function planDrain(options: PlanDrainOptions): Promise<Day2Plan> {
  const site = await readLiveSite(options.maas, options.juju);
  const host = site.inventory.vmHosts.find((h) => h.name === options.host);
  if (host === undefined) {
    const known = site.inventory.vmHosts.map((h) => h.name).join(', ');
    throw new PlanInputError(`no VM host is named "${options.host}"`, { hint: `VM hosts: ${known}` });
  }
  const onHost = site.vms.filter((vm) => vm.vmHost.name === host.name);
  // A drain moves units that still serve; units whose machine is down are lost already, and adding
  // before removing would wait for them forever. That is heal's work.
  const down = onHost.filter((vm) => vm.agent === MACHINE_DOWN);
  if (down.length > 0) {
    throw new PlanInputError(
      `cannot drain ${host.name}: Juju shows ${down.map((vm) => `machine ${vm.machine} (${vm.hostname})`).join(', ')} down`,
      { hint: 'run edgekit heal to restore their units elsewhere' },
    );
  }
  const withUnits = byCriticality(onHost.filter((vm) => vm.units.length > 0));
  const excluded = new Set([host.name, ...site.inventory.vmHosts.filter(isDrained).map((h) => h.name)]);
  const { replacements, unplaced } = buildReplacements(
    site,
    withUnits,
    excluded,
    options.rule ?? 'server',
    (vm) =>
      `${vm.hostname} carries ${vm.units.map((u) => u.unit).join(', ')} on ${host.name}, which is drained`,
  );
  if (unplaced.length > 0) {
    throw new PlanInputError(`cannot drain ${host.name}: ${unplaced.map((u) => u.why).join('; ')}`, {
      details: unplaced,
      hint: 'add room on the other hosts (or undrain one), then drain again',
    });
  }
  const juju = new Set(onHost.map((vm) => vm.hostname));
  const untouched = [
    ...onHost
      .filter((vm) => vm.units.length === 0)
      .map((vm) => ({
        hostname: vm.hostname,
        role: vm.role,
        units: [],
        why: 'a Juju machine without units',
      })),
    ...host.vms
      .filter((vm) => !juju.has(vm.hostname))
      .map((vm) => ({ hostname: vm.hostname, role: '', units: [], why: 'not a Juju machine of this model' })),
  ].map((vm) => ({ ...vm, suggestions: [] }));
  return Day2PlanSchema.parse({
    kind: 'DrainPlan',
    version: 1,
    id: options.id ?? newPlanId(),
    createdAt: new Date().toISOString(),
    host: { id: host.id, name: host.name },
    excludedHosts: [...excluded].sort(),
    replacements,
    untouched,
    unplaced: [],
  });
}
