import { issuesLine } from '@edgekit/common';
import { PlacementProblemSchema, parseYamlText, readInputFile, solvePlacement } from '@edgekit/edge-core';
import { placementGap } from '../../plan/gap.js';
import { hostSummaryLines } from '../../plan/plan-summary.js';
import { type CommandSpec, stringOption } from '../command.js';
import { EXIT, UsageError } from '../errors.js';

/** `edgekit place --input problem.json`: the placement engine on a hosts + VMs problem (JSON or YAML). */
export const runPlace: CommandSpec['run'] = async (ctx) => {
  const input = stringOption(ctx.values, 'input');
  if (input === undefined) throw new UsageError('edgekit place needs --input problem.json (hosts and vms)');
  let raw: unknown;
  try {
    raw = parseYamlText(await readInputFile(input));
  } catch (error) {
    throw new UsageError(`${input}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const parsed = PlacementProblemSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(`${input}: ${issuesLine(parsed.error.issues)}`);
  }
  const objective = stringOption(ctx.values, 'objective') ?? 'pack';
  const rule = stringOption(ctx.values, 'rule') ?? 'server';
  if (objective !== 'pack' && objective !== 'spread') throw new UsageError('--objective is pack or spread');
  if (rule !== 'server' && rule !== 'ui') throw new UsageError('--rule is server or ui');
  const result = solvePlacement(parsed.data, { objective, admission: rule, seed: 1, maxIterations: 2_000 });
  const text = [
    `${result.feasible ? 'placed' : 'NOT all placed'}: ${result.placements.length} VMs on ${result.hostsUsed} hosts (lower bound ${result.lowerBound.value}, ${result.lowerBound.rule}; ${placementGap(result, objective)})`,
    // Per host, not per VM (a problem can have thousands): which VM goes where is in --json/--yaml.
    ...hostSummaryLines(
      result.hosts.map((usage) => {
        const host = parsed.data.hosts.find((h) => h.name === usage.host);
        return {
          host: usage.host,
          zone: usage.zone,
          vms: usage.vms.length,
          cores: { ...usage.cores, ratio: host?.cpuOverCommitRatio ?? 1 },
          memoryMiB: { ...usage.memory, ratio: host?.memoryOverCommitRatio ?? 1 },
        };
      }),
    ),
    ...result.unplaced.map((u) => `  unplaced ${u.vm}: ${u.message}`),
    'each VM and its host: --yaml or --json',
  ];
  return { data: result, text: text.join('\n'), exitCode: result.feasible ? EXIT.ok : EXIT.incomplete };
};
