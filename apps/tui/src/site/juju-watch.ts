import { sleep } from '@edgekit/common';
import type { JujuClient } from '@edgekit/juju-client';
import { applyDeltas, EMPTY_MODEL, type JujuModelState, withChannels } from './juju-model.js';

const LONG_POLL_MS = 24 * 60 * 60 * 1000;
/**
 * How often FullStatus is read for the charm channels, which the AllWatcher does not carry. A charm
 * change in the watcher (a refresh) reads it at once; channels change only with a refresh, so this is
 * the backstop for a change the deltas did not show.
 */
const CHANNEL_POLL_MS = 15_000;

/** Application -> charm channel, from one FullStatus. */
async function readChannels(client: JujuClient, signal?: AbortSignal): Promise<Map<string, string>> {
  const status = await client.client.fullStatus({}, signal === undefined ? {} : { signal });
  return new Map(
    Object.entries(status.applications).map(([name, app]) => [name, app['charm-channel'] ?? '']),
  );
}

/** Each application's charm URL: a change means a refresh, and maybe a new channel. */
const charmsOf = (state: JujuModelState) =>
  [...state.entities.applications.values()].map((app) => `${app.name}=${app['charm-url']}`).join(' ');

/**
 * Follows a model through its AllWatcher until `signal` aborts: the first Next returns the whole
 * model, later ones long-poll for changes. Each batch yields a new immutable state. Beside it,
 * FullStatus is read for the channels every CHANNEL_POLL_MS and whenever a charm changes.
 */
export async function watchModel(
  client: JujuClient,
  onState: (state: JujuModelState) => void,
  signal: AbortSignal,
): Promise<void> {
  const watcherId = await client.client.watchAll({ signal });
  let state = EMPTY_MODEL;
  // Ends the channel reads with the watch, however the watch ends (abort or a failed Next).
  const watching = new AbortController();
  const live = AbortSignal.any([signal, watching.signal]);
  let wake = new AbortController();
  let seen = false;
  const channelLoop = async () => {
    while (!live.aborted) {
      try {
        const channels = await readChannels(client, live);
        state = withChannels(state, channels);
        // Before the watcher's first batch there is no model to show, only its channels to keep.
        if (seen) onState(state);
      } catch {
        // The channel column keeps its last value; the watcher's own errors end the watch.
      }
      await sleep(CHANNEL_POLL_MS, AbortSignal.any([live, wake.signal])).catch(() => undefined);
      wake = new AbortController();
    }
  };
  const channels = channelLoop();
  try {
    while (!signal.aborted) {
      // A long poll: a quiet model may not answer for hours; the abort, not a timeout, ends it.
      const deltas = await client.allWatcher.next(watcherId, { signal, timeoutMs: LONG_POLL_MS });
      const before = charmsOf(state);
      state = applyDeltas(state, deltas);
      seen = true;
      onState(state);
      if (charmsOf(state) !== before) wake.abort();
    }
  } finally {
    watching.abort();
    await client.allWatcher.stop(watcherId).catch(() => undefined);
    await channels;
  }
}

/** The model as the watcher's first batch describes it, with FullStatus's channels: a one-shot `juju status`. */
export async function readModelOnce(client: JujuClient, signal?: AbortSignal): Promise<JujuModelState> {
  const options = signal === undefined ? {} : { signal };
  const watcherId = await client.client.watchAll(options);
  try {
    const [deltas, channels] = await Promise.all([
      client.allWatcher.next(watcherId, options),
      readChannels(client, signal),
    ]);
    return withChannels(applyDeltas(EMPTY_MODEL, deltas), channels);
  } finally {
    await client.allWatcher.stop(watcherId).catch(() => undefined);
  }
}
