import type { DefaultCharm, InventorySnapshot, PlacementResult, SizeFleetResult } from '@edgekit/edge-core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { presetBundleTexts } from '../../plan/bundles.js';
import { type EditorMove, editPlanner, newEditor, type PlannerEditor } from '../../plan/editor.js';
import { plannedWorkload } from '../../plan/planner.js';
import type { ReplanKind } from '../../plan/replan-jobs.js';
import { Replanner } from '../../plan/replanner.js';
import type { PlannerSettings } from '../../plan/settings.js';
import type { LoadedWorkload } from '../../plan/workload-file.js';
import type { SiteData } from '../../site/data.js';
import { errorMessage } from '../errorMessage.js';
import type { Loadable } from './loadable.js';

export interface PlannerModel {
  editor: PlannerEditor;
  snapshot: Loadable<InventorySnapshot>;
  /** The latest placement that landed (kept on screen while the next one is worked out). */
  placement: PlacementResult | null;
  /** Set from an edit until the placement for it lands. */
  replanning: boolean;
  sizing: SizeFleetResult | null | 'working';
  /**
   * Whether the edited plan can become a Juju bundle, checked as you type (null until the preset bundle
   * is read): roles that get the default ubuntu charm, or why there is no deployable workload.
   */
  charms: { defaults: DefaultCharm[]; error: string | null } | null;
  /** Applies `move` `times` times in one update (a held key's run). */
  edit(move: EditorMove, times?: number): void;
  /** Re-reads the inventory (after an apply changed the site). */
  reload(): void;
}

/** What the planner opens on: a preset (default: the HA edge one) or a loaded workload. */
export interface PlannerStart {
  preset?: string;
  workload?: LoadedWorkload | null;
}

/** Sizing starts once edits pause this long (see Replanner's quietMs); the placement follows every key. */
const SIZING_QUIET_MS = 150;

/**
 * The planner's state and effects: the inventory snapshot (read when the planner is first shown),
 * the preset being edited, the live placement (recomputed on every edit, in a worker thread) and the sizing answer
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
  const placer = useReplanner('place');
  const sizer = useReplanner('size', SIZING_QUIET_MS);
  // Each answer remembers what it was solved for, so "replanning…" and "sizing…" follow from the edit in
  // the same commit (one frame per keypress) instead of from an effect that costs a second frame.
  const [placed, setPlaced] = useState<Solved<PlacementResult> | null>(null);
  const [sized, setSized] = useState<Solved<SizeFleetResult | null> | null>(null);
  useEffect(() => {
    if (!ready) return;
    placer.setSnapshot(ready);
    sizer.setSnapshot(ready);
  }, [ready, placer, sizer]);
  const { settings } = editor;
  useEffect(() => {
    if (!ready) return;
    const failed = (error: unknown) => setSnapshot({ state: 'failed', error: errorMessage(error) });
    // Latest wins: a stale answer comes back as null and leaves the screen as it is.
    placer.solve(settings).then((answer) => {
      if (answer !== null) setPlaced({ settings, snapshot: ready, answer });
    }, failed);
    sizer.solve(settings).then((answer) => {
      if (answer !== null) setSized({ settings, snapshot: ready, answer });
    }, failed);
  }, [ready, settings, placer, sizer]);
  const current = (solved: Solved<unknown> | null) =>
    solved !== null && solved.settings === settings && solved.snapshot === ready;
  const placement = placed?.answer ?? null;
  const replanning = ready !== null && !current(placed);
  const sizing = sized !== null && current(sized) ? sized.answer : 'working';

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

  const edit = useCallback((move: EditorMove, times = 1) => {
    setEditor((current) => {
      let next = current;
      for (let i = 0; i < times; i += 1) next = editPlanner(next, move);
      return next;
    });
  }, []);
  const reload = useCallback(() => setWanted((n) => n + 1), []);

  return {
    editor,
    snapshot,
    placement,
    replanning,
    sizing,
    charms,
    edit,
    reload,
  };
}

/** An answer with the settings and inventory it was solved for. */
interface Solved<A> {
  settings: PlannerSettings;
  snapshot: InventorySnapshot;
  answer: A;
}

/** One Replanner for the component's life, its worker thread stopped on unmount. */
function useReplanner<K extends ReplanKind>(kind: K, quietMs = 0): Replanner<K> {
  const ref = useRef<Replanner<K> | null>(null);
  ref.current ??= new Replanner(kind, undefined, quietMs);
  const replanner = ref.current;
  useEffect(() => () => replanner.close(), [replanner]);
  return replanner;
}
