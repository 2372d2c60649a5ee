import { type Preset, presets, type VmRequestInput, type Workload } from '@edgekit/edge-core';
import { UsageError } from '../cli/errors.js';
import type { LoadedWorkload } from './workload-file.js';

/** What the planner is asked: a preset, per-role count and size changes, and how to judge capacity. */
export interface PlannerSettings {
  /** The preset's name, or the loaded workload's. */
  preset: string;
  /** A workload or bundle file loaded instead of a preset. */
  loaded: LoadedWorkload | null;
  /** Per VM role: count, cores, memory in GiB; absent keys keep the preset's value. */
  overrides: Readonly<Record<string, { count?: number; cores?: number; memoryGiB?: number }>>;
  /** What-if over-commit ratios for every VM host; null keeps each host's own. */
  ratios: { cpu: number | null; memory: number | null };
  tolerateHostFailures: 0 | 1;
  rule: 'server' | 'ui';
  objective: 'pack' | 'spread';
}

export const DEFAULT_PRESET = 'charmed-kubernetes-ha-edge';

export function defaultSettings(
  preset = DEFAULT_PRESET,
  loaded: LoadedWorkload | null = null,
): PlannerSettings {
  if (loaded === null) presetNamed(preset);
  return {
    preset: loaded?.name ?? preset,
    loaded,
    overrides: {},
    ratios: { cpu: null, memory: null },
    tolerateHostFailures: 0,
    rule: 'server',
    objective: 'spread',
  };
}

export function presetNamed(name: string): Preset {
  const preset = presets[name];
  if (preset === undefined) {
    throw new UsageError(`no preset "${name}"; presets: ${Object.keys(presets).join(', ')}`);
  }
  return preset;
}

/** The preset's (or loaded workload's) VM requests with the settings' counts and sizes applied. */
export function plannedVms(settings: PlannerSettings): VmRequestInput[] {
  const vms = settings.loaded?.vms ?? presetNamed(settings.preset).vms;
  return vms.map((vm) => {
    const change = settings.overrides[vm.name] ?? {};
    return {
      ...vm,
      ...(change.count === undefined ? {} : { count: change.count }),
      ...(change.cores === undefined ? {} : { cores: change.cores }),
      ...(change.memoryGiB === undefined ? {} : { memory: change.memoryGiB * 1024 }),
    };
  });
}

/** The preset as edited, for workloadFromPreset. */
export function editedPreset(settings: PlannerSettings): Preset {
  const base = presetNamed(settings.preset);
  return { ...base, vms: plannedVms(settings).filter((vm) => (vm.count ?? 1) > 0) };
}

/** A loaded bundle's workload with the settings' per-role counts and sizes applied. */
export function editedWorkload(workload: Workload, settings: PlannerSettings): Workload {
  const roles = Object.fromEntries(
    Object.entries(workload.roles).map(([name, role]) => {
      const change = settings.overrides[name] ?? {};
      return [
        name,
        {
          ...role,
          ...(change.count === undefined ? {} : { count: change.count }),
          ...(change.cores === undefined ? {} : { cores: change.cores }),
          ...(change.memoryGiB === undefined ? {} : { memoryMiB: change.memoryGiB * 1024 }),
        },
      ];
    }),
  );
  return { ...workload, roles };
}
