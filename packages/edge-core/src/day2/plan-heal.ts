import type { AdmissionRule } from '../inventory/headroom.js';
import { newPlanId } from '../plan/create.js';
import { buildReplacements, byCriticality } from './build-replacements.js';
import type { Day2Juju, Day2Maas } from './clients.js';
import { type Day2Plan, Day2PlanSchema } from './day2-plan.js';
import { isDrained } from './drained-tag.js';
import { readLiveSite } from './live-site.js';

/** Juju's machine agent status once its instance is gone or unreachable (status.Down in juju/juju core/status). */
export const MACHINE_DOWN = 'down';

export interface PlanHealOptions {
  maas: Day2Maas;
  juju: Day2Juju;
  rule?: AdmissionRule;
  id?: string;
}

/**
 * Plans restoring the units of machines Juju shows down: a replacement VM for each, placed by the engine
 * away from every host that has a down machine (and drained hosts), most critical first. What does not
 * fit is listed with the engine's explanation; what fits is restored.
 */
export async function planHeal(options: PlanHealOptions): Promise<Day2Plan> {
  const site = await readLiveSite(options.maas, options.juju);
  const down = site.vms.filter((vm) => vm.agent === MACHINE_DOWN);
  const failedHosts = new Set(down.map((vm) => vm.vmHost.name));
  const excluded = new Set([...failedHosts, ...site.inventory.vmHosts.filter(isDrained).map((h) => h.name)]);
  const lost = byCriticality(down.filter((vm) => vm.units.length > 0));
  const { replacements, unplaced } = buildReplacements(
    site,
    lost,
    excluded,
    options.rule ?? 'server',
    (vm) => `${vm.hostname} on ${vm.vmHost.name} is down: ${vm.units.map((u) => u.unit).join(', ')} lost`,
  );
  return Day2PlanSchema.parse({
    kind: 'HealPlan',
    version: 1,
    id: options.id ?? newPlanId(),
    createdAt: new Date().toISOString(),
    excludedHosts: [...excluded].sort(),
    replacements,
    untouched: down
      .filter((vm) => vm.units.length === 0)
      .map((vm) => ({ hostname: vm.hostname, role: vm.role, units: [], why: 'down, without units' })),
    unplaced,
  });
}
