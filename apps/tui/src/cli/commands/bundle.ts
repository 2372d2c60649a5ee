import { mkdir, stat } from 'node:fs/promises';
import { loadPlanFile } from '@edgekit/edge-core';
import { writeJujuFiles } from '../../plan/export.js';
import { type CommandSpec, stringOption } from '../command.js';
import { UsageError } from '../errors.js';

/** `-o DIR` is a folder to write into: created when missing, refused when it is a file or a device. */
async function outputFolder(dir: string): Promise<string> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) await mkdir(dir, { recursive: true });
  else if (!info.isDirectory())
    throw new UsageError(`-o ${dir} is not a folder: give the folder to write the bundle and overlay into`);
  return dir;
}

/** `edgekit bundle plan.yaml [-o DIR]`: the Juju bundle and the machine-placement overlay of a plan. */
export const runBundle: CommandSpec['run'] = async (ctx) => {
  const plan = await loadPlanFile(ctx.positionals[0] ?? '');
  const { bundle, overlay } = plan.outputs.juju;
  const dir = stringOption(ctx.values, 'output');
  if (dir !== undefined) {
    const { deploy, ...files } = await writeJujuFiles(plan, await outputFolder(dir));
    return {
      data: { plan: plan.id, files },
      text: `wrote ${files.bundle} and ${files.overlay}\ndeploy with: ${deploy}`,
    };
  }
  return { data: { plan: plan.id, bundle, overlay }, text: `${bundle}\n---\n${overlay}` };
};
