import { loadPlanFile } from '@edgekit/edge-core';
import { writeJujuFiles } from '../../plan/export.js';
import { type CommandSpec, stringOption } from '../command.js';

/** `edgekit bundle plan.yaml [-o DIR]`: the Juju bundle and the machine-placement overlay of a plan. */
export const runBundle: CommandSpec['run'] = async (ctx) => {
  const plan = await loadPlanFile(ctx.positionals[0] ?? '');
  const { bundle, overlay } = plan.outputs.juju;
  const dir = stringOption(ctx.values, 'output');
  if (dir !== undefined) {
    const { deploy, ...files } = await writeJujuFiles(plan, dir);
    return {
      data: { plan: plan.id, files },
      text: `wrote ${files.bundle} and ${files.overlay}\ndeploy with: ${deploy}`,
    };
  }
  return { data: { plan: plan.id, bundle, overlay }, text: `${bundle}\n---\n${overlay}` };
};
