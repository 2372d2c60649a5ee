import { join } from 'node:path';
import { sleep } from '@edgekit/common';
import {
  type ApplyEvent,
  applicationOfCharm,
  applyUpgrade,
  planUpgrade,
  saveUpgradePlanFile,
  type UpgradePlan,
  type UpgradeStatusView,
} from '@edgekit/edge-core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeEvent } from '../../plan/apply.js';
import { defaultUpgradeFile, nextMinor, upgradeJournalPath } from '../../plan/upgrade.js';
import type { SiteData } from '../../site/data.js';
import { errorMessage } from '../errorMessage.js';

export type UpgradePhase =
  | { kind: 'idle' }
  | { kind: 'working'; what: string }
  | { kind: 'planned' }
  | { kind: 'upToDate'; to: string }
  | { kind: 'refused'; message: string }
  | { kind: 'running'; step: string; pausing: boolean }
  | { kind: 'paused' }
  | { kind: 'finished'; ok: boolean; message: string };

export type Upgrading = ReturnType<typeof useUpgrade>;

/** Live status is read this often while the Upgrade screen is shown or an upgrade runs. */
const STATUS_POLL_MS = 1_000;

/**
 * The Upgrade screen's state and effects: live status of the model, the planned upgrade and its file,
 * and the run (start, pause after the current step, resume from the journal).
 */
export function useUpgrade(data: SiteData | null, visible: boolean, planDir: string) {
  const juju = data?.upgradeJuju ?? null;
  const [live, setLive] = useState<UpgradeStatusView | null>(null);
  const [plan, setPlan] = useState<{ plan: UpgradePlan; file: string } | null>(null);
  const [phase, setPhase] = useState<UpgradePhase>({ kind: 'idle' });
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [current, setCurrent] = useState<string | null>(null);
  const [lastEvent, setLastEvent] = useState('');
  const running = useRef<AbortController | null>(null);
  const pauseAsked = useRef(false);

  const active = visible || phase.kind === 'running' || phase.kind === 'working';
  useEffect(() => {
    if (juju === null || !active) return;
    const controller = new AbortController();
    const poll = async () => {
      while (!controller.signal.aborted) {
        try {
          setLive(await juju.client.fullStatus({}, { signal: controller.signal }));
        } catch {
          // A failed read leaves the last status on screen; the next poll tries again.
        }
        await sleep(STATUS_POLL_MS, controller.signal).catch(() => undefined);
      }
    };
    void poll();
    return () => controller.abort();
  }, [juju, active]);

  const makePlan = useCallback(async () => {
    if (juju === null || live === null || running.current) return;
    const to = nextMinor(live);
    if (to === undefined) {
      setPhase({ kind: 'refused', message: 'no kubernetes-control-plane on a 1.N channel in this model' });
      return;
    }
    setPhase({ kind: 'working', what: `planning the upgrade to ${to}` });
    try {
      const planned = await planUpgrade(juju, { to });
      if (planned.upToDate) return setPhase({ kind: 'upToDate', to });
      const file = join(planDir, defaultUpgradeFile(planned.plan));
      await saveUpgradePlanFile(file, planned.plan);
      setPlan({ plan: planned.plan, file });
      setDone(new Set());
      setCurrent(null);
      setPhase({ kind: 'planned' });
    } catch (error) {
      setPhase({ kind: 'refused', message: errorMessage(error) });
    }
  }, [juju, live, planDir]);

  const start = useCallback(async () => {
    if (juju === null || plan === null || running.current) return;
    const controller = new AbortController();
    running.current = controller;
    pauseAsked.current = false;
    setPhase({ kind: 'running', step: 'starting', pausing: false });
    const onEvent = (event: ApplyEvent) => {
      if (event.type === 'step-start') setCurrent(event.step);
      if (event.type === 'step-done' || event.type === 'step-skip') {
        const step = event.step;
        setDone((steps) => new Set([...steps, step]));
      }
      if (event.type !== 'request') setLastEvent(describeEvent(event));
      if (event.type === 'step-start' || event.type === 'wait')
        setPhase((p) => ({
          kind: 'running',
          step: describeEvent(event).slice(3),
          pausing: p.kind === 'running' && p.pausing,
        }));
    };
    try {
      const result = await applyUpgrade({
        plan: plan.plan,
        juju,
        journalPath: upgradeJournalPath(plan.file),
        onEvent,
        signal: controller.signal,
        pollMs: data?.description.simulated ? 200 : 1_000,
        pauseRequested: () => pauseAsked.current,
      });
      setCurrent(null);
      setPhase(
        result.paused
          ? { kind: 'paused' }
          : { kind: 'finished', ok: true, message: `upgraded to ${plan.plan.to}: every step done` },
      );
    } catch (error) {
      setPhase({
        kind: 'finished',
        ok: false,
        message: `upgrade stopped: ${errorMessage(error)} (u resumes)`,
      });
    } finally {
      running.current = null;
    }
  }, [juju, plan, data]);

  const pause = useCallback(() => {
    if (!running.current) return;
    pauseAsked.current = true;
    setPhase((p) => (p.kind === 'running' ? { ...p, pausing: true } : p));
  }, []);

  const deployDemo = useCallback(async () => {
    const deploy = data?.deployDemoKubernetes;
    // Only into a model without Kubernetes: the bundle's 1.35 channels must not touch a deployed one.
    const deployed = live !== null && applicationOfCharm(live, 'kubernetes-control-plane').length > 0;
    if (!deploy || deployed || running.current) return;
    const controller = new AbortController();
    running.current = controller;
    setPhase({
      kind: 'working',
      what: 'deploying Charmed Kubernetes 1.35 from the real bundle (about 30 s)',
    });
    try {
      await deploy(controller.signal);
      setPhase({ kind: 'idle' });
    } catch (error) {
      setPhase({ kind: 'finished', ok: false, message: `deploy failed: ${errorMessage(error)}` });
    } finally {
      running.current = null;
    }
  }, [data, live]);

  // Leaving the TUI mid-upgrade stops it where it is; the journal lets the next run resume.
  useEffect(() => () => running.current?.abort(), []);

  return {
    available: juju !== null,
    canDeployDemo: data?.deployDemoKubernetes != null,
    live,
    plan,
    phase,
    done,
    current,
    lastEvent,
    makePlan,
    start,
    pause,
    deployDemo,
    running,
  };
}
