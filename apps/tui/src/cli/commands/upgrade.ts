import { resolve } from 'node:path';
import {
  type ApplyEvent,
  applyUpgrade,
  day2JujuFromClient,
  loadUpgradePlanFile,
  planUpgrade,
  saveUpgradePlanFile,
  type UpgradePlan,
  upgradeJujuFromClient,
} from '@edgekit/edge-core';
import { describeEvent } from '../../plan/apply.js';
import {
  callsPerStep,
  defaultUpgradeFile,
  upgradeJournalPath,
  upgradePlanLines,
} from '../../plan/upgrade.js';
import { type CommandContext, type CommandSpec, stringOption } from '../command.js';
import { UsageError } from '../errors.js';
import { withSite } from '../site.js';
import { confirmOnTerminal } from '../stdin.js';

interface UpgradeArgs {
  to: string | undefined;
  strategy: 'in-place' | 'blue-green';
  resume: string | undefined;
  output: string | undefined;
  maxUnavailable: number | undefined;
  dryRun: boolean;
  yes: boolean;
}

function upgradeArgs(ctx: CommandContext): UpgradeArgs {
  const to = stringOption(ctx.values, 'to');
  const resume = stringOption(ctx.values, 'resume');
  const strategy = stringOption(ctx.values, 'strategy') ?? 'in-place';
  const max = stringOption(ctx.values, 'max-unavailable');
  if ((to === undefined) === (resume === undefined)) {
    throw new UsageError(
      'give --to VERSION (e.g. --to 1.36) to plan an upgrade, or --resume FILE to continue one',
    );
  }
  if (resume !== undefined && (max !== undefined || ctx.values.strategy !== undefined)) {
    throw new UsageError(
      '--resume runs the saved plan as it is; --strategy and --max-unavailable only go with --to',
    );
  }
  if (strategy !== 'in-place' && strategy !== 'blue-green') {
    throw new UsageError(`--strategy ${JSON.stringify(strategy)} is not one of in-place, blue-green`);
  }
  let maxUnavailable: number | undefined;
  if (max !== undefined) {
    maxUnavailable = Number(max);
    if (!/^\d+$/.test(max) || maxUnavailable < 1) {
      throw new UsageError(`--max-unavailable ${JSON.stringify(max)} is not a whole number of units >= 1`);
    }
  }
  return {
    to,
    strategy,
    resume: resume === undefined ? undefined : resolve(resume),
    output: stringOption(ctx.values, 'output'),
    maxUnavailable,
    dryRun: ctx.values['dry-run'] === true,
    yes: ctx.values.yes === true,
  };
}

/**
 * Progress to stderr in text mode while the model changes; a dry run's text is its result (stdout),
 * and --json/--yaml keep stderr quiet and carry the events.
 */
function progress(ctx: CommandContext, events: ApplyEvent[], dryRun: boolean) {
  return (event: ApplyEvent) => {
    events.push(event);
    if (ctx.format === 'text' && !dryRun) ctx.stderr.write(`${describeEvent(event)}\n`);
  };
}

/** Without --yes an upgrade asks on a terminal, and is refused (exit 2) where nobody can answer. */
async function confirmed(ctx: CommandContext, plan: UpgradePlan, file: string): Promise<void> {
  const hint = `review it with \`edgekit upgrade --resume ${file} --dry-run\`, then run \`edgekit upgrade --resume ${file} --yes\``;
  if (!ctx.stdin.isTTY)
    throw new UsageError(`the upgrade changes the model and needs --yes; plan saved to ${file}: ${hint}`);
  ctx.stderr.write(`${upgradePlanLines(plan).join('\n')}\nplan saved to ${file}\n`);
  if (!(await confirmOnTerminal(ctx.stdin, ctx.stderr, 'Upgrade now?', ctx.signal))) {
    throw new UsageError(`not upgraded (answered no); ${hint}`);
  }
}

export const runUpgrade: CommandSpec['run'] = (ctx) => {
  const args = upgradeArgs(ctx);
  return withSite(ctx, async (site) => {
    if (site.juju === null) throw new UsageError(`upgrade needs a Juju model: ${site.jujuNote}`);
    const juju = upgradeJujuFromClient(site.juju.client);
    // Blue-green composes and retires worker VMs through MAAS, as drain and heal do.
    const blueGreen = { maas: site.maas, juju: day2JujuFromClient(site.juju.client, site.juju.modelUUID) };
    let plan: UpgradePlan;
    let file: string;
    if (args.resume !== undefined) {
      file = args.resume;
      plan = await loadUpgradePlanFile(file);
    } else {
      const planned = await planUpgrade(juju, {
        to: args.to as string,
        strategy: args.strategy,
        site: blueGreen,
        signal: ctx.signal,
        ...(args.maxUnavailable === undefined ? {} : { maxUnavailable: args.maxUnavailable }),
      });
      if (planned.upToDate) {
        return {
          data: { upToDate: true, to: planned.to },
          text: `the model already runs Charmed Kubernetes ${planned.to} on every application: nothing to do`,
        };
      }
      plan = planned.plan;
      file = resolve(args.output ?? defaultUpgradeFile(plan));
      await saveUpgradePlanFile(file, plan);
    }
    const events: ApplyEvent[] = [];
    if (!args.dryRun && !args.yes) await confirmed(ctx, plan, file);
    const result = await applyUpgrade({
      plan,
      juju,
      site: blueGreen,
      dryRun: args.dryRun,
      onEvent: progress(ctx, events, args.dryRun),
      signal: ctx.signal,
      ...(args.dryRun ? {} : { journalPath: upgradeJournalPath(file) }),
    });
    const requests = events.flatMap((e) => (e.type === 'request' ? [e.request] : []));
    const data = { plan, file, dryRun: args.dryRun, requests, result };
    const text = args.dryRun
      ? [
          ...upgradePlanLines(plan, callsPerStep(events)),
          `dry run: nothing was changed; ${requests.length} calls would change the model. Plan saved to ${file}`,
        ].join('\n')
      : `upgraded to ${plan.to}: ${result.executed.length} steps run, ${result.skipped.length} done before (${file})`;
    return { data, text };
  });
};
