import type { JujuClient } from '@edgekit/juju-client';
import { applyDeltas, EMPTY_MODEL, type JujuModelState } from './juju-model.js';

const LONG_POLL_MS = 24 * 60 * 60 * 1000;

/**
 * Follows a model through its AllWatcher until `signal` aborts: the first Next returns the whole
 * model, later ones long-poll for changes. Each batch yields a new immutable state.
 */
export async function watchModel(
  client: JujuClient,
  onState: (state: JujuModelState) => void,
  signal: AbortSignal,
): Promise<void> {
  const watcherId = await client.client.watchAll({ signal });
  let state = EMPTY_MODEL;
  try {
    while (!signal.aborted) {
      // A long poll: a quiet model may not answer for hours; the abort, not a timeout, ends it.
      const deltas = await client.allWatcher.next(watcherId, { signal, timeoutMs: LONG_POLL_MS });
      state = applyDeltas(state, deltas);
      onState(state);
    }
  } finally {
    await client.allWatcher.stop(watcherId).catch(() => undefined);
  }
}

/** The model as the watcher's first batch describes it: a one-shot `juju status`. */
export async function readModelOnce(client: JujuClient, signal?: AbortSignal): Promise<JujuModelState> {
  const options = signal === undefined ? {} : { signal };
  const watcherId = await client.client.watchAll(options);
  try {
    return applyDeltas(EMPTY_MODEL, await client.allWatcher.next(watcherId, options));
  } finally {
    await client.allWatcher.stop(watcherId).catch(() => undefined);
  }
}
