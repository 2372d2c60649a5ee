import {
  formatEndpoint,
  parseRelationKey,
  type RelationKeyEndpoint,
  relationJoins,
} from '@edgekit/juju-client';
import { stringify as stringifyYaml } from 'yaml';
import type { StatusView } from '../apply/juju-api.js';
import { findByHostname } from '../apply/maas-steps.js';
import { errorText } from '../apply/runner.js';
import { type Day2Context, guard, waitForStatus } from '../day2/day2-context.js';
import { ensureJujuMachine, ensureVm, removeOld } from '../day2/replace-vm.js';
import { ApplyStepError } from '../plan/errors.js';
import { serving } from './live-status.js';
import { originFor, type UpgradeJuju } from './upgrade-juju.js';
import type { UpgradeStep } from './upgrade-plan.js';

type Step<K extends UpgradeStep['kind']> = Extract<UpgradeStep, { kind: K }>;

/** A new worker VM composed (or found) and in Juju, its machine started: capacity before anything leaves. */
export async function newWorker(ctx: Day2Context, step: Step<'new-worker'>): Promise<string> {
  const vm = await ensureVm(ctx, step.vm);
  return ensureJujuMachine(ctx, step.vm, vm);
}

/** Relations of `application` with another one as pairs of endpoints, its own first (peers skipped). */
function relationsOf(status: StatusView, application: string): [RelationKeyEndpoint, RelationKeyEndpoint][] {
  return (status.relations ?? []).flatMap((relation) => {
    const [a, b] = parseRelationKey(relation.key);
    if (b === undefined) return [];
    if (a.application === application) return [[a, b]];
    if (b.application === application) return [[b, a]];
    return [];
  });
}

const hasRelation = (status: StatusView, ends: readonly RelationKeyEndpoint[]) =>
  (status.relations ?? []).some((r) => relationJoins(r.key, ends));

/**
 * The green application: deployed on the target channel with no units, a unit on each new worker
 * machine, the old application's relations made for it, then every unit active. Each part is checked
 * against live status first, so a re-run completes what an interrupted one started.
 */
export async function deployGreen(
  ctx: Day2Context,
  upgradeJuju: UpgradeJuju,
  step: Step<'deploy-green'>,
): Promise<void> {
  const { juju, runner } = ctx;
  const call = ctx.signal ? { signal: ctx.signal } : {};
  let status = await juju.fullStatus();
  if (status.applications[step.application] === undefined) {
    const origin = originFor(step.channel);
    const [resolved] = ctx.dryRun
      ? []
      : await upgradeJuju.charms.resolveCharms(
          [{ reference: `ch:${step.charm}`, 'charm-origin': origin }],
          call,
        );
    if (resolved !== undefined && !resolved.ok) throw resolved.error;
    const url = resolved?.value.url ?? `ch:${step.charm}`;
    const added = await runner.mutate(
      `${step.id}:add-charm`,
      { service: 'juju', call: 'Charms.AddCharm', params: { url, channel: step.channel } },
      () =>
        upgradeJuju.charms.addCharm({ url, 'charm-origin': resolved?.value['charm-origin'] ?? origin }, call),
    );
    const deploy = {
      application: step.application,
      'charm-url': url,
      'charm-origin': added ?? origin,
      channel: step.channel,
      'num-units': 0,
      'config-yaml': stringifyYaml({ [step.application]: step.config }),
    };
    // Never the step's own id: its ok outcome marks the whole step (units, relations, active) done.
    const results = await runner.mutate(
      `${step.id}:deploy`,
      { service: 'juju', call: 'Application.Deploy', params: deploy },
      () => upgradeJuju.applications.deploy([deploy], call),
    );
    const failed = results?.find((item) => !item.ok);
    if (failed !== undefined && !failed.ok) throw failed.error;
    if (!ctx.dryRun) status = await juju.fullStatus();
  } else runner.emit({ type: 'step-skip', step: `${step.id}:deploy`, reason: `${step.application} exists` });

  for (const hostname of step.hostnames) {
    const vm = ctx.dryRun ? undefined : await findByHostname(ctx.maas, hostname);
    const machine = Object.values(status.machines).find(
      (m) => m.hostname === hostname || (vm !== undefined && m['instance-id'] === vm.system_id),
    )?.id;
    const unitStep = `${step.id}:unit:${hostname}`;
    if (machine === undefined && !ctx.dryRun)
      throw new ApplyStepError(`no Juju machine stands on ${hostname}`, {
        hint: 'run the upgrade again: its new-worker step adds it',
      });
    const units = Object.values(status.applications[step.application]?.units ?? {});
    if (units.some((u) => u.machine === machine)) {
      runner.emit({ type: 'step-skip', step: unitStep, reason: `a unit stands on machine ${machine}` });
      continue;
    }
    await runner.mutate(
      unitStep,
      {
        service: 'juju',
        call: 'Application.AddUnits',
        params: {
          application: step.application,
          'num-units': 1,
          placement: [{ scope: '#', directive: machine }],
        },
      },
      () => juju.addUnit(step.application, machine as string),
    );
  }

  for (const [own, other] of relationsOf(status, step.replaces)) {
    const green = { application: step.application, endpoint: own.endpoint };
    const pair: [string, string] = [formatEndpoint(green), formatEndpoint(other)];
    const relateStep = `${step.id}:relate:${pair.join(' ')}`;
    if (hasRelation(status, [green, other])) {
      runner.emit({ type: 'step-skip', step: relateStep, reason: 'relation exists' });
      continue;
    }
    try {
      await runner.mutate(
        relateStep,
        { service: 'juju', call: 'Application.AddRelation', params: { endpoints: pair } },
        () => upgradeJuju.applications.addRelation(pair, undefined, call),
      );
    } catch (error) {
      // Made by an attempt whose answer was lost.
      if (!/already exists/.test(errorText(error))) throw error;
      runner.emit({ type: 'reconcile', step: relateStep, detail: 'relation already exists' });
    }
  }
  if (ctx.dryRun) return;
  await waitForStatus(
    ctx,
    step.id,
    `${step.application} active on ${step.hostnames.length} machines`,
    (s) => {
      const units = Object.entries(s.applications[step.application]?.units ?? {});
      for (const [name, unit] of units) {
        if (unit['workload-status'].status === 'error')
          throw new ApplyStepError(`${name} failed: ${unit['workload-status'].info}`, {
            hint: 'fix it (juju resolve), then run the upgrade again',
          });
      }
      return units.length === step.hostnames.length && units.every(([, unit]) => serving(unit));
    },
  );
}

/**
 * One old worker retired: paused (cordoned and drained) through the `pause` action unless already gone
 * or paused, then its unit, machine and VM removed; only while every green unit serves and no other old
 * worker is out. The pause is looked for in live status first, so a re-run does not pause twice.
 */
export async function retireWorker(
  ctx: Day2Context,
  step: Step<'retire'>,
  green: string | undefined,
  pause: () => Promise<void>,
): Promise<void> {
  const status = ctx.dryRun ? undefined : await ctx.juju.fullStatus();
  const unit = status?.applications[step.application]?.units?.[step.unit];
  if (ctx.dryRun || unit !== undefined) {
    if (!ctx.dryRun) {
      await guard(
        ctx,
        step.id,
        green === undefined ? [step.application] : [step.application, green],
        new Set([step.unit]),
      );
    }
    const paused =
      unit?.['workload-status'].status === 'waiting' && /paused/.test(unit['workload-status'].info);
    if (!paused) await pause();
  }
  const only = { ...step.vm, units: step.vm.units.filter((u) => u.unit === step.unit) };
  await removeOld(ctx, only);
}

/** The emptied old application removed (after its last unit went), unless already gone. */
export async function removeApplication(ctx: Day2Context, step: Step<'remove-application'>): Promise<void> {
  const status = ctx.dryRun ? undefined : await ctx.juju.fullStatus();
  if (!ctx.dryRun && status?.applications[step.application] === undefined) {
    ctx.runner.emit({ type: 'step-skip', step: step.id, reason: `${step.application} is gone` });
    return;
  }
  const results = await ctx.runner.mutate(
    `${step.id}:destroy`,
    { service: 'juju', call: 'Application.DestroyApplication', params: { applications: [step.application] } },
    () => ctx.juju.destroyApplications([step.application]),
  );
  const failed = results?.find((item) => !item.ok);
  if (failed !== undefined && !failed.ok && !/not found/.test(failed.error.message))
    throw new ApplyStepError(`Juju would not remove ${step.application}: ${failed.error.message}`);
  if (!ctx.dryRun)
    await waitForStatus(
      ctx,
      step.id,
      `${step.application} to go`,
      (s) => s.applications[step.application] === undefined,
    );
}
