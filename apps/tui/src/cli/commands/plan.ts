import { relative, resolve } from 'node:path';
import { type InventorySnapshot, loadSnapshotFile, savePlanFile, takeInventory } from '@edgekit/edge-core';
import { presetBundleTexts } from '../../plan/bundles.js';
import { fileNameFrom } from '../../plan/file-name.js';
import { gapText } from '../../plan/gap.js';
import { hostSummaries, hostSummaryLines } from '../../plan/plan-summary.js';
import { placeOnSite, plannedWorkload, planWorkloadOnSite, sizeForSite } from '../../plan/planner.js';
import { ratioText } from '../../plan/ratio-text.js';
import { defaultSettings, type PlannerSettings, plannedVms } from '../../plan/settings.js';
import { type LoadedWorkload, workloadFromFlags } from '../../plan/workload-file.js';
import { type CommandContext, type CommandSpec, type OptionValues, stringOption } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { withSite } from '../site.js';

function number(text: string, what: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${what}: "${text}" is not a number from ${min} to ${max}`);
  }
  return value;
}

/** `--count control-plane=5` style options, repeated per role. */
function perRole(values: OptionValues, name: string): [string, string][] {
  const raw = values[name];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((item) => {
    const [role, value] = String(item).split('=');
    if (!role || value === undefined)
      throw new UsageError(`--${name} takes ROLE=VALUE, e.g. --${name} kubernetes-worker=4`);
    return [role, value];
  });
}

export function settingsFrom(values: OptionValues, loaded: LoadedWorkload | null = null): PlannerSettings {
  const settings = defaultSettings(stringOption(values, 'preset'), loaded);
  // No prototype: a role named `__proto__` or `constructor` on the command line is just an unknown role.
  const overrides: Record<string, { count?: number; cores?: number; memoryGiB?: number }> =
    Object.create(null);
  const set = (role: string, key: 'count' | 'cores' | 'memoryGiB', value: number) => {
    overrides[role] = { ...overrides[role], [key]: value };
  };
  for (const [role, v] of perRole(values, 'count')) set(role, 'count', number(v, `--count ${role}`, 0, 1000));
  for (const [role, v] of perRole(values, 'cores')) set(role, 'cores', number(v, `--cores ${role}`, 1, 1024));
  for (const [role, v] of perRole(values, 'memory'))
    set(role, 'memoryGiB', number(v, `--memory ${role} (GiB)`, 1, 4096));
  const roles = plannedVms(settings).map((vm) => vm.name);
  for (const role of Object.keys(overrides)) {
    if (!roles.includes(role))
      throw new UsageError(`no role "${role}" in this workload; its roles: ${roles.join(', ')}`);
  }
  const cpu = stringOption(values, 'cpu-ratio');
  const memory = stringOption(values, 'memory-ratio');
  const rule = stringOption(values, 'rule') ?? 'server';
  const objective = stringOption(values, 'objective') ?? 'spread';
  const failures = stringOption(values, 'tolerate-failures') ?? '0';
  if (rule !== 'server' && rule !== 'ui')
    throw new UsageError('--rule is server (MAAS admission) or ui (stricter)');
  if (objective !== 'spread' && objective !== 'pack') throw new UsageError('--objective is spread or pack');
  if (failures !== '0' && failures !== '1') throw new UsageError('--tolerate-failures is 0 or 1');
  return {
    ...settings,
    overrides,
    ratios: {
      cpu: cpu === undefined ? null : number(cpu, '--cpu-ratio', 0.1, 10),
      memory: memory === undefined ? null : number(memory, '--memory-ratio', 0.1, 10),
    },
    rule,
    objective,
    tolerateHostFailures: failures === '1' ? 1 : 0,
  };
}

/** The live site's inventory, or a snapshot file (`--inventory`) to plan offline. */
export async function snapshotFor<T>(
  ctx: CommandContext,
  work: (snapshot: InventorySnapshot) => Promise<T>,
): Promise<T> {
  const file = stringOption(ctx.values, 'inventory');
  if (file !== undefined) return work(await loadSnapshotFile(file));
  return withSite(ctx, async (site) => work(await takeInventory(site.maas)));
}

export const runPlan: CommandSpec['run'] = async (ctx) => {
  const settings = settingsFrom(ctx.values, await workloadFromFlags(ctx.values));
  const output = stringOption(ctx.values, 'output');
  return snapshotFor(ctx, async (snapshot) => {
    const bundleTexts = await presetBundleTexts();
    // Roles the workload file left without a charm deploy `ubuntu`: the output says which, and how to choose.
    const { workload, defaults } = plannedWorkload(settings, bundleTexts);
    const notes = defaults.map((role) => role.note);
    const plan = planWorkloadOnSite(snapshot, settings, workload);
    // Saved by default next to the working directory (as the Planner's `s` does): a plan is for applying.
    const file = resolve(output ?? `${fileNameFrom(plan.name)}-${plan.id}.plan.yaml`);
    await savePlanFile(file, plan);
    const machines = plan.placement.machines.map((m) => ({
      hostname: m.hostname,
      role: m.role,
      zone: m.zone.name,
      target: m.target.kind === 'vm' ? m.target.vmHostName : m.target.systemId,
    }));
    const hosts = hostSummaries(plan, snapshot);
    const data = {
      id: plan.id,
      name: plan.name,
      file,
      stats: plan.placement.stats ?? null,
      machines,
      hosts,
      defaults,
      /** The whole document, as saved (so `--json`/`--yaml` carry it too). */
      plan,
    };
    const stats = plan.placement.stats;
    const bareMetal = machines.filter((m) => !hosts.some((h) => h.host === m.target));
    return {
      data,
      // The whole document only when asked (--yaml/--json print `data`; the file holds the plan itself).
      text: [
        `plan ${plan.id} (${plan.name}): ${machines.length} machines, saved to ${file}`,
        stats?.lowerBound
          ? `  ${stats.hostsUsed ?? hosts.length} hosts used, lower bound ${stats.lowerBound.value} (${stats.lowerBound.rule}); ${plan.placement.objective === 'pack' ? gapText({ gap: stats.gap ?? 0, provenOptimal: stats.provenOptimal ?? false }) : 'spread on purpose (pack: fewest hosts)'}`
          : '',
        ...hostSummaryLines(hosts),
        ...bareMetal.map((m) => `  bare metal ${m.target}: ${m.hostname} (${m.role})`),
        ...plan.outputs.ratioUpdates.map(
          (u) =>
            `  over-commit change on ${u.vmHostName}: cpu ×${u.from.cpu_over_commit_ratio} → ×${u.params.cpu_over_commit_ratio ?? u.from.cpu_over_commit_ratio}, memory ×${u.from.memory_over_commit_ratio} → ×${u.params.memory_over_commit_ratio ?? u.from.memory_over_commit_ratio}`,
        ),
        ...notes.map((note) => `note: ${note}`),
        `next: edgekit apply ${relative(process.cwd(), file) || file} --dry-run   (the document: --yaml, or the file)`,
      ]
        .filter(Boolean)
        .join('\n'),
    };
  });
};

export const runSize: CommandSpec['run'] = async (ctx) => {
  const settings = settingsFrom(ctx.values, await workloadFromFlags(ctx.values));
  return snapshotFor(ctx, async (snapshot) => {
    const sizing = sizeForSite(snapshot, settings);
    if (sizing === null) throw new UsageError('the site has no VM host to use as the host profile');
    const placement = placeOnSite(snapshot, settings);
    const data = {
      preset: settings.loaded === null ? settings.preset : null,
      workload: settings.loaded && {
        kind: settings.loaded.kind,
        file: settings.loaded.file,
        overlays: settings.loaded.overlays,
      },
      tolerateHostFailures: settings.tolerateHostFailures,
      hostsNeeded: sizing.hosts,
      perZone: sizing.perZone,
      lowerBound: sizing.lowerBound,
      bounds: sizing.bounds,
      gap: sizing.gap,
      provenOptimal: sizing.provenOptimal,
      failover: sizing.failover,
      ratiosForExistingHosts: sizing.ratios,
      onThisSite: {
        feasible: placement.feasible,
        hostsUsed: placement.hostsUsed,
        unplaced: placement.unplaced,
      },
    };
    const text = [
      `${settings.preset}: ${sizing.hosts ?? 'more than the limit of'} hosts like ${snapshot.vmHosts[0]?.name} (lower bound ${sizing.lowerBound.value}, ${sizing.lowerBound.rule}; ${sizing.hosts === null ? 'no answer' : gapText(sizing)})${settings.tolerateHostFailures ? ', surviving one host failure' : ''}`,
      `per zone: ${Object.entries(sizing.perZone)
        .map(([z, n]) => `${z} ${n}`)
        .join(', ')}`,
      sizing.ratios ? ratioText(sizing.ratios) : '',
      `on this site now: ${placement.feasible ? `fits on ${placement.hostsUsed} hosts` : `${placement.unplaced.length} VMs do not fit`}`,
    ].filter(Boolean);
    return { data, text: text.join('\n'), exitCode: placement.feasible ? EXIT.ok : EXIT.incomplete };
  });
};
