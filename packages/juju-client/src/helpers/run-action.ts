import { pollDelay, sleep } from '@edgekit/common';
import { JujuActionFailedError, JujuTimeoutError } from '../core/errors.js';
import type { ActionFacade } from '../facades/action.js';
import type { FacadeCallOptions } from '../facades/caller.js';
import type { ActionResult } from '../schemas/generated.js';

/** Juju's final action states (core/actions: completed, failed, cancelled, aborted, error). */
const FINAL = new Set(['completed', 'failed', 'cancelled', 'aborted', 'error']);

export interface WaitForActionOptions extends FacadeCallOptions {
  /**
   * Longest time between `Action.Actions` polls (default 1 s, what `juju run --wait` polls at); the
   * first polls come sooner (see pollDelay), so a quick action is not held up by a whole interval.
   */
  pollMs?: number;
  /** Give up waiting after this long (default: no limit beyond the signal). */
  waitTimeoutMs?: number;
}

/** A finished action: its id and result; `status` is `completed` (others throw). */
export interface FinishedAction {
  id: string;
  result: Omit<ActionResult, 'error'>;
}

/**
 * Polls `Action.Actions` until the action reaches a final state. Returns when it `completed`; a
 * failed, cancelled, aborted or errored action is a JujuActionFailedError carrying its message. The
 * wait is abortable through `signal` (every poll and every sleep between polls).
 */
export async function waitForAction(
  actions: ActionFacade,
  id: string,
  options: WaitForActionOptions = {},
): Promise<FinishedAction> {
  const { pollMs = 1_000, waitTimeoutMs, ...call } = options;
  const deadline = waitTimeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + waitTimeoutMs;
  const actionId = id.replace(/^action-/, '');
  for (let attempt = 0; ; attempt += 1) {
    const [item] = await actions.actions([actionId], call);
    if (!item) throw new JujuActionFailedError(actionId, 'unknown', 'no result for the action');
    if (!item.ok) throw item.error;
    const status = item.value.status ?? '';
    if (FINAL.has(status)) {
      if (status !== 'completed') {
        const output = item.value.output ?? {};
        const why =
          item.value.message || (typeof output.message === 'string' ? output.message : '') || status;
        throw new JujuActionFailedError(actionId, status, why);
      }
      return { id: actionId, result: item.value };
    }
    const delay = pollDelay(attempt, pollMs);
    if (Date.now() + delay > deadline)
      throw new JujuTimeoutError(`action ${actionId} still ${status} after ${waitTimeoutMs} ms`);
    await sleep(delay, call.signal);
  }
}

/**
 * Enqueues one action on one unit (`Action.EnqueueOperation`) and waits for it (see waitForAction).
 * `onEnqueued` hears the action id before the wait, so a journal can record it and a resumed run
 * waits for that action instead of running it twice.
 */
export async function runAction(
  actions: ActionFacade,
  action: { receiver: string; name: string; parameters?: Record<string, unknown> },
  options: WaitForActionOptions & { onEnqueued?: (id: string) => void | Promise<void> } = {},
): Promise<FinishedAction> {
  const { onEnqueued, ...wait } = options;
  const call = {
    ...(wait.signal ? { signal: wait.signal } : {}),
    ...(wait.timeoutMs !== undefined ? { timeoutMs: wait.timeoutMs } : {}),
  };
  const receiver = action.receiver.startsWith('unit-')
    ? action.receiver
    : `unit-${action.receiver.replace('/', '-')}`;
  const { actions: queued } = await actions.enqueueOperation(
    [{ receiver, name: action.name, parameters: action.parameters ?? {} }],
    call,
  );
  const [item] = queued;
  if (!item) throw new JujuActionFailedError('?', 'error', `no action was enqueued on ${receiver}`);
  if (!item.ok) throw item.error;
  const tag = item.value.action?.tag ?? '';
  await onEnqueued?.(tag.replace(/^action-/, ''));
  return waitForAction(actions, tag, wait);
}
