import { type ApplyEvent, type Day2Plan, undrainHost } from '@edgekit/edge-core';
import { describeEvent, NoJujuError } from '../../plan/apply.js';
import { type Day2Mode, runDay2 } from '../../plan/day2.js';
import type { CommandContext, CommandSpec } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { withSite } from '../site.js';
import { confirmOnTerminal } from '../stdin.js';

/** A VM host name as MAAS allows it; anything else is a typo, refused before connecting. */
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/;
export const isVmHostName = (name: string): boolean => HOST_NAME.test(name);

function hostArgument(ctx: CommandContext, command: string): string {
  const host = ctx.positionals[0] ?? '';
  if (!isVmHostName(host))
    throw new UsageError(
      `"${host}" is not a VM host name; usage: edgekit ${command} HOST (see edgekit inventory)`,
    );
  return host;
}

/** The plan in lines a reviewer reads before saying yes. */
export function describeDay2Plan(plan: Day2Plan): string[] {
  const verb = plan.kind === 'DrainPlan' ? `drain ${plan.host?.name}` : 'heal';
  return [
    `${verb} (plan ${plan.id}): ${plan.replacements.length} VMs to replace`,
    ...plan.replacements.map(
      (r) =>
        `  ${r.old.hostname} (${r.units.map((u) => u.unit).join(', ')}) -> ${r.compose.params.hostname} on ${r.compose.vmHostName}`,
    ),
    ...plan.untouched.map((u) => `  left alone: ${u.hostname} (${u.why})`),
    ...plan.unplaced.map((u) => `  NOT restored: ${u.why}`),
  ];
}

/** --yes confirms; otherwise a terminal is asked, and a script without --yes is told to pass it. */
function confirmer(ctx: CommandContext) {
  return async (plan: Day2Plan, resumed: boolean): Promise<boolean> => {
    if (ctx.values.yes === true) return true;
    if (ctx.stdin.isTTY !== true)
      throw new UsageError('pass --yes to go ahead (or --dry-run to see the requests first)');
    ctx.stderr.write(
      `${[resumed ? 'resuming an unfinished run:' : '', ...describeDay2Plan(plan)].filter(Boolean).join('\n')}\n`,
    );
    return confirmOnTerminal(ctx.stdin, ctx.stderr, 'go ahead?', ctx.signal);
  };
}

function run(ctx: CommandContext, mode: Day2Mode, host?: string) {
  const dryRun = ctx.values['dry-run'] === true;
  const events: ApplyEvent[] = [];
  const onEvent = (event: ApplyEvent) => {
    events.push(event);
    if (ctx.format === 'text') ctx.stderr.write(`${describeEvent(event)}\n`);
  };
  return withSite(ctx, async (site) => {
    try {
      const outcome = await runDay2(site, {
        mode,
        ...(host === undefined ? {} : { host }),
        dryRun,
        onEvent,
        signal: ctx.signal,
        confirm: confirmer(ctx),
      });
      const requests = events.flatMap((e) => (e.type === 'request' ? [e.request] : []));
      const { plan, resumed, result } = outcome;
      const data = { plan, dryRun, resumed, requests, result };
      const lines = describeDay2Plan(plan);
      if (result === null)
        return { data, text: [...lines, 'nothing was changed'].join('\n'), exitCode: EXIT.ok };
      if (mode === 'heal' && plan.replacements.length === 0 && plan.unplaced.length === 0 && !resumed)
        return { data, text: 'nothing to heal: Juju shows no machine down', exitCode: EXIT.ok };
      const done = dryRun
        ? [...requests.map((r) => `  ${r.service} ${r.call}`), 'dry run: nothing was changed']
        : [
            `${mode === 'drain' ? `drained ${host}` : 'healed'}: ${Object.keys(result.replaced).length} VMs replaced${resumed ? ' (resumed)' : ''}`,
          ];
      // Heal restores what fits; anything left unplaced makes the run incomplete (exit 5).
      const exitCode = plan.unplaced.length > 0 && !dryRun ? EXIT.incomplete : EXIT.ok;
      return { data, text: [...lines, ...done].join('\n'), exitCode };
    } catch (error) {
      if (error instanceof NoJujuError) throw new UsageError(error.message);
      throw error;
    }
  });
}

export const runDrain: CommandSpec['run'] = (ctx) => run(ctx, 'drain', hostArgument(ctx, 'drain'));

export const runHeal: CommandSpec['run'] = (ctx) => run(ctx, 'heal');

export const runUndrain: CommandSpec['run'] = async (ctx) => {
  const host = hostArgument(ctx, 'undrain');
  return withSite(ctx, async (site) => {
    const result = await undrainHost(site.maas, host);
    return {
      data: result,
      text: result.changed
        ? `${host} is no longer drained: placement may use it again`
        : `${host} was not drained`,
    };
  });
};
