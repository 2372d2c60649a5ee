import { basename, join } from 'node:path';
import { type ApplyEvent, type InventorySnapshot, type Plan, savePlanFile } from '@edgekit/edge-core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeEvent } from '../../plan/apply.js';
import { presetBundleTexts } from '../../plan/bundles.js';
import { writeJujuFiles } from '../../plan/export.js';
import { fileNameFrom } from '../../plan/file-name.js';
import { planForSite } from '../../plan/planner.js';
import type { PlannerSettings } from '../../plan/settings.js';
import { findUnfinishedPlan, type UnfinishedPlan } from '../../plan/unfinished.js';
import type { SiteData } from '../../site/data.js';
import { errorMessage } from '../errorMessage.js';
import type { ApplyPhase, LogLine } from '../views/ApplyView.js';

export interface SavedPlan {
  plan: Plan;
  file: string;
}

export type Applying = ReturnType<typeof useApply>;

/** The saved plan and everything apply, dry run and rollback do with it. */
export function useApply(data: SiteData | null, planDir: string, onFinished: () => void) {
  const [saved, setSaved] = useState<SavedPlan | null>(null);
  const [phase, setPhase] = useState<ApplyPhase>({ kind: 'idle' });
  const [log, setLog] = useState<LogLine[]>([]);
  const nextId = useRef(0);
  const running = useRef<AbortController | null>(null);
  /** A plan whose apply or rollback stopped before it finished, found in planDir when edgekit started. */
  const [interrupted, setInterrupted] = useState<UnfinishedPlan | null>(null);

  // After a crash (or a kill, or a failed run in an earlier session) reopen on that plan: its journal
  // beside it lets apply resume, or rollback undo, what was done.
  const maasUrl = data?.description.maasUrl;
  useEffect(() => {
    if (maasUrl === undefined) return;
    let live = true;
    void findUnfinishedPlan(planDir, maasUrl).then((found) => {
      if (!live || found === null) return;
      setInterrupted(found);
      setSaved((current) => current ?? { plan: found.plan, file: found.file });
    });
    return () => {
      live = false;
    };
  }, [planDir, maasUrl]);

  const append = useCallback((text: string) => {
    setLog((lines) => [...lines, { id: nextId.current++, text }]);
  }, []);

  const save = useCallback(
    async (snapshot: InventorySnapshot, settings: PlannerSettings): Promise<SavedPlan> => {
      const plan = planForSite(snapshot, settings, await presetBundleTexts());
      const file = join(planDir, `${fileNameFrom(plan.name)}-${plan.id}.plan.yaml`);
      await savePlanFile(file, plan);
      const next = { plan, file };
      setSaved(next);
      setInterrupted(null);
      setPhase({ kind: 'idle' });
      return next;
    },
    [planDir],
  );

  /** Saves the plan, then writes its Juju bundle and overlay beside it, for a deploy by hand. */
  const exportJuju = useCallback(
    async (snapshot: InventorySnapshot, settings: PlannerSettings) => {
      const saved = await save(snapshot, settings);
      return { saved, files: await writeJujuFiles(saved.plan, planDir, basename(saved.file, '.plan.yaml')) };
    },
    [save, planDir],
  );

  const preview = useCallback(async () => {
    if (!data || !saved) return;
    setPhase({ kind: 'previewing' });
    try {
      let requests = 0;
      const controller = new AbortController();
      const [diff] = await Promise.all([
        data.diffPlan(saved.plan),
        data.applyPlan(saved.plan, {
          planFile: saved.file,
          dryRun: true,
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type === 'request') requests += 1;
          },
        }),
      ]);
      setPhase({ kind: 'preview', diff, requests });
    } catch (error) {
      setPhase({
        kind: 'finished',
        what: 'apply',
        ok: false,
        message: `dry run failed: ${errorMessage(error)}`,
      });
    }
  }, [data, saved]);

  const run = useCallback(
    async (what: 'apply' | 'rollback') => {
      if (!data || !saved || running.current) return;
      const controller = new AbortController();
      running.current = controller;
      let done = 0;
      setPhase({ kind: 'running', what, step: 'starting', done });
      const onEvent = (event: ApplyEvent) => {
        if (event.type === 'request') return;
        if (event.type === 'step-done' || event.type === 'step-skip') done += 1;
        if (event.type === 'step-start' || event.type === 'wait' || event.type === 'phase') {
          setPhase({ kind: 'running', what, step: describeEvent(event).slice(3), done });
        } else {
          append(describeEvent(event));
        }
      };
      try {
        if (what === 'apply') {
          const result = await data.applyPlan(saved.plan, {
            planFile: saved.file,
            dryRun: false,
            onEvent,
            signal: controller.signal,
          });
          const machines = Object.keys(result.machines).length;
          setInterrupted(null);
          setPhase({
            kind: 'finished',
            what,
            ok: true,
            message: `applied plan ${saved.plan.id}: ${machines} machines, every unit active`,
          });
        } else {
          const result = await data.rollbackPlan(saved.plan, { planFile: saved.file, onEvent });
          setInterrupted(null);
          setPhase({
            kind: 'finished',
            what,
            ok: true,
            message: `rolled back plan ${saved.plan.id}: ${result.applications.length} applications and ${result.decomposed.length} VMs removed`,
          });
        }
      } catch (error) {
        // The journal keeps what was done: applying again resumes instead of starting over.
        setPhase({
          kind: 'finished',
          what,
          ok: false,
          message: `${what} failed: ${errorMessage(error)} (a to resume)`,
        });
      } finally {
        running.current = null;
        onFinished();
      }
    },
    [data, saved, append, onFinished],
  );

  // Leaving the TUI mid-apply stops the run where it is; the journal lets the next session resume it.
  useEffect(() => () => running.current?.abort(), []);

  const apply = useCallback(() => run('apply'), [run]);
  const rollback = useCallback(() => run('rollback'), [run]);

  return {
    saved,
    /** Set while the saved plan is one an earlier session left unfinished. */
    interrupted: interrupted !== null && saved?.file === interrupted.file ? interrupted : null,
    phase,
    log,
    save,
    exportJuju,
    preview,
    apply,
    rollback,
    busy: running,
  };
}
