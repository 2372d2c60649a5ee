import { presets } from '@edgekit/edge-core';
import { defaultSettings, type PlannerSettings, plannedVms } from './settings.js';
import type { LoadedWorkload } from './workload-file.js';

/**
 * The planner's editable rows: one per VM role of the preset (count, cores, memory), then the
 * settings that apply to the whole plan. Pure, so the keys' effects are unit-tested without a terminal.
 */
export const SETTING_ROWS = ['failures', 'rule', 'objective', 'cpuRatio', 'memoryRatio'] as const;
export type SettingRow = (typeof SETTING_ROWS)[number];
export const ROLE_COLUMNS = ['count', 'cores', 'memoryGiB'] as const;
export type RoleColumn = (typeof ROLE_COLUMNS)[number];

export interface PlannerEditor {
  settings: PlannerSettings;
  row: number;
  column: number;
  /** The workload or bundle file the planner was opened with: kept so next-preset can come back to it. */
  file: LoadedWorkload | null;
}

export function newEditor(preset?: string, loaded: LoadedWorkload | null = null): PlannerEditor {
  return { settings: defaultSettings(preset, loaded), row: 0, column: 0, file: loaded };
}

/**
 * What next-preset cycles through: the loaded file first (when there is one), then every preset.
 * A file entry is null; a preset entry is its name.
 */
function choices(editor: PlannerEditor): (string | null)[] {
  const names = Object.keys(presets);
  return editor.file === null ? names : [null, ...names];
}

export function rowCount(editor: PlannerEditor): number {
  return plannedVms(editor.settings).length + SETTING_ROWS.length;
}

/** The role under the cursor, or the setting row. */
export function rowAt(editor: PlannerEditor): { role: string } | { setting: SettingRow } {
  const vms = plannedVms(editor.settings);
  const vm = vms[editor.row];
  if (vm) return { role: vm.name };
  return { setting: SETTING_ROWS[editor.row - vms.length] ?? 'failures' };
}

export type EditorMove = 'up' | 'down' | 'left' | 'right' | 'increase' | 'decrease' | 'nextPreset';

const RATIO_STEP = 0.5;

function step(value: number, delta: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round((value + delta) * 100) / 100));
}

export function editPlanner(editor: PlannerEditor, move: EditorMove): PlannerEditor {
  const rows = rowCount(editor);
  switch (move) {
    case 'up':
      return { ...editor, row: (editor.row - 1 + rows) % rows };
    case 'down':
      return { ...editor, row: (editor.row + 1) % rows };
    case 'left':
      return { ...editor, column: (editor.column - 1 + ROLE_COLUMNS.length) % ROLE_COLUMNS.length };
    case 'right':
      return { ...editor, column: (editor.column + 1) % ROLE_COLUMNS.length };
    case 'nextPreset': {
      const list = choices(editor);
      const current = editor.settings.loaded === null ? editor.settings.preset : null;
      const next = list[(list.indexOf(current) + 1) % list.length] ?? null;
      const base = next === null ? defaultSettings(undefined, editor.file) : defaultSettings(next);
      return { ...editor, settings: { ...base, ...pickGlobal(editor.settings) }, row: 0 };
    }
    case 'increase':
    case 'decrease':
      return { ...editor, settings: change(editor, move === 'increase' ? 1 : -1) };
  }
}

function pickGlobal(s: PlannerSettings) {
  return {
    ratios: s.ratios,
    tolerateHostFailures: s.tolerateHostFailures,
    rule: s.rule,
    objective: s.objective,
  };
}

function change(editor: PlannerEditor, sign: 1 | -1): PlannerSettings {
  const { settings } = editor;
  const at = rowAt(editor);
  if ('role' in at) {
    const vm = plannedVms(settings).find((v) => v.name === at.role);
    const column = ROLE_COLUMNS[editor.column] ?? 'count';
    const current =
      column === 'count'
        ? (vm?.count ?? 1)
        : column === 'cores'
          ? (vm?.cores ?? 1)
          : Number(vm?.memory ?? 2048) / 1024;
    const min = column === 'count' ? 0 : 1;
    const value = step(current, sign, min, column === 'count' ? 50 : 256);
    return {
      ...settings,
      overrides: { ...settings.overrides, [at.role]: { ...settings.overrides[at.role], [column]: value } },
    };
  }
  switch (at.setting) {
    case 'failures':
      return { ...settings, tolerateHostFailures: settings.tolerateHostFailures === 1 ? 0 : 1 };
    case 'rule':
      return { ...settings, rule: settings.rule === 'server' ? 'ui' : 'server' };
    case 'objective':
      return { ...settings, objective: settings.objective === 'spread' ? 'pack' : 'spread' };
    case 'cpuRatio':
    case 'memoryRatio': {
      const key = at.setting === 'cpuRatio' ? 'cpu' : 'memory';
      const current = settings.ratios[key];
      // Below the hosts' own ratio means "keep each host's ratio" (null).
      const next = current === null ? (sign > 0 ? 1 : null) : step(current, sign * RATIO_STEP, 0.5, 10);
      const value = current !== null && sign < 0 && current <= 0.5 ? null : next;
      return { ...settings, ratios: { ...settings.ratios, [key]: value } };
    }
  }
}
