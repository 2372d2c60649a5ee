import { describe, expect, it } from 'vitest';
import { editPlanner, newEditor, rowAt, rowCount } from '../src/plan/editor.js';
import { plannedVms } from '../src/plan/settings.js';

describe('planner editor', () => {
  it('edits counts, cores and memory of the role under the cursor', () => {
    let editor = newEditor('charmed-kubernetes-ha-edge');
    expect(rowAt(editor)).toEqual({ role: 'control-plane' });
    editor = editPlanner(editor, 'increase');
    expect(plannedVms(editor.settings)[0]?.count).toBe(4);
    editor = editPlanner(editPlanner(editor, 'right'), 'increase');
    expect(plannedVms(editor.settings)[0]?.cores).toBe(5);
    editor = editPlanner(editPlanner(editor, 'right'), 'decrease');
    expect(plannedVms(editor.settings)[0]?.memory).toBe(15 * 1024);
  });

  it('never goes below zero machines or one core', () => {
    let editor = newEditor('kubernetes-core');
    for (let i = 0; i < 5; i += 1) editor = editPlanner(editor, 'decrease');
    expect(plannedVms(editor.settings)[0]?.count).toBe(0);
    editor = editPlanner(editor, 'right');
    for (let i = 0; i < 5; i += 1) editor = editPlanner(editor, 'decrease');
    expect(plannedVms(editor.settings)[0]?.cores).toBe(1);
  });

  it('toggles failure tolerance, rule and what-if ratios on the setting rows', () => {
    let editor = newEditor();
    const roles = plannedVms(editor.settings).length;
    for (let i = 0; i < roles; i += 1) editor = editPlanner(editor, 'down');
    expect(rowAt(editor)).toEqual({ setting: 'failures' });
    editor = editPlanner(editor, 'increase');
    expect(editor.settings.tolerateHostFailures).toBe(1);
    editor = editPlanner(editPlanner(editor, 'down'), 'increase');
    expect(editor.settings.rule).toBe('ui');
    editor = editPlanner(editPlanner(editPlanner(editor, 'down'), 'down'), 'increase');
    expect(editor.settings.ratios.cpu).toBe(1);
    editor = editPlanner(editPlanner(editor, 'increase'), 'increase');
    expect(editor.settings.ratios.cpu).toBe(2);
    expect(editPlanner(editor, 'down').row).toBe(rowCount(editor) - 1);
    expect(editPlanner(editPlanner(editor, 'down'), 'down').row).toBe(0);
  });

  it('cycles presets and keeps the plan-wide settings', () => {
    const editor = editPlanner(editPlanner(newEditor(), 'increase'), 'nextPreset');
    expect(editor.settings.preset).toBe('kubernetes-core');
    expect(editor.settings.overrides).toEqual({});
  });
});
