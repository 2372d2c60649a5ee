import type { MaasClient, MaasEvent } from '@edgekit/maas-client';

/** Hands new events (INFO and up) to `onEvent` until `signal` aborts; `since` replays from an older event id. */
export async function tailEvents(
  maas: MaasClient,
  signal: AbortSignal,
  onEvent: (event: MaasEvent) => void,
  since?: number,
): Promise<void> {
  const options = { signal, intervalMs: 2000, ...(since !== undefined ? { after: since } : {}) };
  for await (const event of maas.events.follow({ level: 'INFO' }, options)) {
    onEvent(event);
  }
}
