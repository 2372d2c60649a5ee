import type { DefaultCharm, InventorySnapshot, PlacementResult, SizeFleetResult } from '@edgekit/edge-core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { presetBundleTexts } from '../../plan/bundles.js';
import { type EditorMove, editPlanner, newEditor, type PlannerEditor } from '../../plan/editor.js';
import { placeOnSite, plannedWorkload, sizeForSite } from '../../plan/planner.js';
import type { LoadedWorkload } from '../../plan/workload-file.js';
import type { SiteData } from '../../site/data.js';
import { errorMessage } from '../errorMessage.js';
import type { Loadable } from './loadable.js';

export interface PlannerModel {
  editor: PlannerEditor;
  snapshot: Loadable<InventorySnapshot>;
  placement: PlacementResult | null;
  sizing: SizeFleetResult | null | 'working';
  /**
   * Whether the edited plan can become a Juju bundle, checked as you type (null until the preset bundle
   * is read): roles that get the default ubuntu charm, or why there is no deployable workload.
   */
  charms: { defaults: DefaultCharm[]; error: string | null } | null;
  edit(move: EditorMove): void;
  /** Re-reads the inventory (after an apply changed the site). */
  reload(): void;
}

/** What the planner opens on: a preset (default: the HA edge one) or a loaded workload. */
export interface PlannerStart {
  preset?: string;
  workload?: LoadedWorkload | null;
}

/**
 * The planner's state and effects: the inventory snapshot (read when the planner is first shown),
 * the preset being edited, the live placement (recomputed on every edit) and the sizing answer
 * (computed just after the frame, since it tries several fleet sizes).
 */
export function usePlanner(data: SiteData | null, active: boolean, start: PlannerStart = {}): PlannerModel {
  const [editor, setEditor] = useState(() => newEditor(start.preset, start.workload ?? null));
  const [snapshot, setSnapshot] = useState<Loadable<InventorySnapshot>>({ state: 'loading' });
  const [wanted, setWanted] = useState(0);
  const [loaded, setLoaded] = useState(-1);
  useEffect(() => {
    if (!data || !active || loaded === wanted) return;
    setLoaded(wanted);
    data.loadSnapshot().then(
      (value) => setSnapshot({ state: 'ready', value }),
      (error: unknown) => setSnapshot({ state: 'failed', error: errorMessage(error) }),
    );
  }, [data, active, wanted, loaded]);

  const ready = snapshot.state === 'ready' ? snapshot.value : null;
  const placement = useMemo(
    () => (ready ? placeOnSite(ready, editor.settings) : null),
    [ready, editor.settings],
  );
  const [sizing, setSizing] = useState<SizeFleetResult | null | 'working'>('working');
  useEffect(() => {
    if (!ready) return;
    setSizing('working');
    // After the frame with the new placement is on screen: sizing is the slower answer.
    const timer = setTimeout(() => setSizing(sizeForSite(ready, editor.settings)), 0);
    return () => clearTimeout(timer);
  }, [ready, editor.settings]);

  const [bundleTexts, setBundleTexts] = useState<string[] | string | null>(null);
  useEffect(() => {
    if (!active || bundleTexts !== null) return;
    presetBundleTexts().then(setBundleTexts, (error: unknown) => setBundleTexts(errorMessage(error)));
  }, [active, bundleTexts]);
  const charms = useMemo(() => {
    if (bundleTexts === null) return null;
    if (typeof bundleTexts === 'string') return { defaults: [], error: bundleTexts };
    try {
      return { defaults: plannedWorkload(editor.settings, bundleTexts).defaults, error: null };
    } catch (error) {
      return { defaults: [], error: errorMessage(error) };
    }
  }, [bundleTexts, editor.settings]);

  const edit = useCallback((move: EditorMove) => setEditor((current) => editPlanner(current, move)), []);
  const reload = useCallback(() => setWanted((n) => n + 1), []);

  return {
    editor,
    snapshot,
    placement,
    sizing,
    charms,
    edit,
    reload,
  };
}
