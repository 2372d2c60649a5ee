import { type Dispatch, useCallback } from 'react';
import { describeEvent } from '../../plan/apply.js';
import type { SiteData } from '../../site/data.js';
import { MACHINE_ACTION_VERBS } from '../../site/model.js';
import { errorMessage } from '../errorMessage.js';
import type { PendingChange, UiAction } from '../state.js';

/** Carries out a change the operator confirmed with y; stable while the site and its hooks are. */
export function useRunChange(
  data: SiteData | null,
  dispatch: Dispatch<UiAction>,
  refresh: () => void,
  apply: () => Promise<void>,
  rollback: () => Promise<void>,
  upgrade: () => Promise<void>,
): (change: PendingChange) => Promise<void> {
  return useCallback(
    async (change: PendingChange) => {
      if (!data) return;
      if (change.kind === 'apply') return void apply();
      if (change.kind === 'rollback') return void rollback();
      if (change.kind === 'upgrade') return void upgrade();
      const notice = (tone: 'ok' | 'bad', text: string) =>
        dispatch({ type: 'notice', notice: { tone, text } });
      if (change.kind === 'machine') {
        const verb = MACHINE_ACTION_VERBS[change.action];
        dispatch({ type: 'busy', systemId: change.systemId, label: `${verb}…` });
        try {
          await data.machineAction(change.systemId, change.action);
          notice('ok', `${verb}: ${change.hostname} accepted by MAAS`);
        } catch (error) {
          notice('bad', `${verb} ${change.hostname}: ${errorMessage(error)}`);
        } finally {
          dispatch({ type: 'busy', systemId: change.systemId, label: null });
          refresh();
        }
        return;
      }
      if (change.kind === 'drain' || change.kind === 'heal' || change.kind === 'undrain') {
        const what = change.kind === 'heal' ? 'heal' : `${change.kind} ${change.host}`;
        dispatch({ type: 'working', text: what });
        try {
          if (change.kind === 'undrain') {
            const changed = await data.undrainHost(change.host);
            notice('ok', changed ? `${change.host} is no longer drained` : `${change.host} was not drained`);
          } else {
            // Each step shows in the footer as it happens; the journal beside the plan keeps them all.
            const onEvent = (event: Parameters<typeof describeEvent>[0]) =>
              dispatch({ type: 'working', text: `${what}: ${describeEvent(event)}` });
            const done = await data.runDay2({
              mode: change.kind,
              ...(change.kind === 'drain' ? { host: change.host } : {}),
              onEvent,
              signal: new AbortController().signal,
            });
            const left = done.unplaced.length > 0 ? `; not restored: ${done.unplaced.join('; ')}` : '';
            notice(left === '' ? 'ok' : 'bad', `${what}: ${done.replaced} VMs replaced${left}`);
          }
        } catch (error) {
          notice('bad', `${what}: ${errorMessage(error)}`);
        } finally {
          dispatch({ type: 'working', text: null });
          refresh();
        }
        return;
      }
      dispatch({ type: 'working', text: `saving over-commit ratios of ${change.hostName}` });
      try {
        await data.setOverCommitRatios(change.hostId, change.ratios);
        dispatch({ type: 'draftRatios', hostId: change.hostId, ratios: null });
        notice('ok', `saved ratios of ${change.hostName}`);
      } catch (error) {
        notice('bad', `${change.hostName}: ${errorMessage(error)}`);
      } finally {
        dispatch({ type: 'working', text: null });
        refresh();
      }
    },
    [data, dispatch, refresh, apply, rollback, upgrade],
  );
}
