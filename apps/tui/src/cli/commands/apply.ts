import { resolve } from 'node:path';
import { type ApplyEvent, loadPlanFile } from '@edgekit/edge-core';
import { describeEvent, liveDiff, NoJujuError, runApply, runRollback } from '../../plan/apply.js';
import type { CommandContext, CommandSpec } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { withSite } from '../site.js';

/** Progress goes to stderr in text mode, so stdout stays the result; --json/--yaml keep stderr quiet. */
function progress(ctx: CommandContext, events: ApplyEvent[]) {
  return (event: ApplyEvent) => {
    events.push(event);
    if (ctx.format === 'text') ctx.stderr.write(`${describeEvent(event)}\n`);
  };
}

async function withPlan<T>(ctx: CommandContext, work: (planFile: string) => Promise<T>): Promise<T> {
  const planFile = resolve(ctx.positionals[0] ?? '');
  try {
    return await work(planFile);
  } catch (error) {
    if (error instanceof NoJujuError) throw new UsageError(error.message);
    throw error;
  }
}

export const runApplyCommand: CommandSpec['run'] = (ctx) =>
  withPlan(ctx, async (planFile) => {
    const plan = await loadPlanFile(planFile);
    const dryRun = ctx.values['dry-run'] === true;
    return withSite(ctx, async (site) => {
      const events: ApplyEvent[] = [];
      const diff = await liveDiff(site, plan);
      const result = await runApply(site, plan, {
        planFile,
        dryRun,
        onEvent: progress(ctx, events),
        signal: ctx.signal,
      });
      const requests = events.flatMap((e) => (e.type === 'request' ? [e.request] : []));
      const data = { plan: plan.id, dryRun, diff, requests, result };
      const text = dryRun
        ? [
            `dry run of plan ${plan.id}: ${diff.toCompose.length} VMs to compose, ${diff.exists.length} already there`,
            ...requests.map((r) => `  ${r.service} ${r.call}`),
            'nothing was changed',
          ].join('\n')
        : `plan ${plan.id} applied: ${Object.keys(result.machines).length} machines, ${Object.keys(result.jujuMachines).length} in Juju`;
      return { data, text };
    });
  });

export const runRollbackCommand: CommandSpec['run'] = (ctx) =>
  withPlan(ctx, async (planFile) => {
    const plan = await loadPlanFile(planFile);
    return withSite(ctx, async (site) => {
      const events: ApplyEvent[] = [];
      const result = await runRollback(site, plan, { planFile, onEvent: progress(ctx, events) });
      return {
        data: { plan: plan.id, result },
        text: `plan ${plan.id} rolled back: ${result.applications.length} applications, ${result.decomposed.length} VMs removed`,
        exitCode: EXIT.ok,
      };
    });
  });
