import { presets } from '@edgekit/edge-core';
import { describe, expect, it } from 'vitest';
import { editPlanner, newEditor, rowAt } from '../src/plan/editor.js';
import { editedWorkload, plannedVms } from '../src/plan/settings.js';
import { loadWorkloadFile } from '../src/plan/workload-file.js';
import { CK_BUNDLE } from './support/fixtures.js';

describe('planner editor on a loaded bundle', () => {
  it("edits the bundle's roles and the workload the plan deploys follows", async () => {
    const loaded = await loadWorkloadFile({ kind: 'bundle', file: CK_BUNDLE });
    let editor = newEditor(undefined, loaded);
    expect(editor.settings.preset).toBe('charmed-kubernetes-1.35');
    const first = rowAt(editor);
    if (!('role' in first)) throw new Error('the first row is not a role');
    const before = loaded.workload?.roles[first.role]?.count ?? Number.NaN;
    editor = editPlanner(editor, 'increase');
    expect(plannedVms(editor.settings).find((vm) => vm.name === first.role)?.count).toBe(before + 1);
    const workload = loaded.workload;
    if (workload === null) throw new Error('a bundle brings its workload');
    expect(editedWorkload(workload, editor.settings).roles[first.role]?.count).toBe(before + 1);
    // The loaded file is not touched: the edit lives in the settings.
    expect(workload.roles[first.role]?.count).toBe(before);
  });

  it('moves on to the presets with the next-preset key, and comes back to the file after the last', async () => {
    const loaded = await loadWorkloadFile({ kind: 'bundle', file: CK_BUNDLE });
    let editor = editPlanner(newEditor(undefined, loaded), 'nextPreset');
    expect(editor.settings.loaded).toBeNull();
    expect(plannedVms(editor.settings).length).toBeGreaterThan(0);
    const seen = [editor.settings.preset];
    editor = editPlanner(editor, 'increase');
    while (editor.settings.loaded === null && seen.length < 10) {
      editor = editPlanner(editor, 'nextPreset');
      if (editor.settings.loaded === null) seen.push(editor.settings.preset);
    }
    expect(seen.sort()).toEqual(Object.keys(presets).sort());
    // Back on the file, as loaded: role edits made on a preset do not follow.
    expect(editor.settings.loaded).toBe(loaded);
    expect(editor.settings.preset).toBe('charmed-kubernetes-1.35');
    expect(editor.settings.overrides).toEqual({});
  });
});
