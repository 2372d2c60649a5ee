import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPlanFile } from '@edgekit/edge-core';
import { type CommandSpec, stringOption } from '../command.js';

/** `edgekit bundle plan.yaml [-o DIR]`: the Juju bundle and the machine-placement overlay of a plan. */
export const runBundle: CommandSpec['run'] = async (ctx) => {
  const plan = await loadPlanFile(ctx.positionals[0] ?? '');
  const { bundle, overlay } = plan.outputs.juju;
  const dir = stringOption(ctx.values, 'output');
  if (dir !== undefined) {
    const files = {
      bundle: join(dir, `${plan.name}.bundle.yaml`),
      overlay: join(dir, `${plan.name}.overlay.yaml`),
    };
    await writeFile(files.bundle, bundle);
    await writeFile(files.overlay, overlay);
    return {
      data: { plan: plan.id, files },
      text: `wrote ${files.bundle} and ${files.overlay}\ndeploy with: juju deploy ./${plan.name}.bundle.yaml --overlay ./${plan.name}.overlay.yaml`,
    };
  }
  return { data: { plan: plan.id, bundle, overlay }, text: `${bundle}\n---\n${overlay}` };
};
