import { useCallback, useEffect, useState } from 'react';
import type { SiteData } from '../../site/data.js';
import type { Inventory } from '../../site/model.js';
import { errorMessage } from '../errorMessage.js';
import type { Loadable } from './loadable.js';

/** While machines are changing state, reload this often so the tables show progress. */
const TRANSITION_POLL_MS = 2000;

/**
 * The MAAS inventory, reloaded on `refresh()` and polled while any machine is mid-transition
 * (Deploying, Commissioning, Releasing…) or an action is in flight. `shown` is an inventory already on
 * the screen (the terminal UI's first read), shown until the first load gives the same or a newer one;
 * `firstPaint`, one still coming (a real site's lists), is shown if it comes before the first load.
 */
export function useInventory(
  data: SiteData | null,
  busy: boolean,
  shown?: Inventory,
  firstPaint?: Promise<Inventory>,
) {
  const [inventory, setInventory] = useState<Loadable<Inventory>>(
    shown ? { state: 'ready', value: shown } : { state: 'loading' },
  );

  useEffect(() => {
    let live = true;
    firstPaint?.then(
      (lists) => {
        if (live) setInventory((now) => (now.state === 'loading' ? { state: 'ready', value: lists } : now));
      },
      // Its failure is the first load's too, which reports it.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [firstPaint]);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (!data) return;
    const controller = new AbortController();
    data.loadInventory(controller.signal).then(
      (value) => setInventory({ state: 'ready', value }),
      (error: unknown) => {
        if (!controller.signal.aborted) setInventory({ state: 'failed', error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [data, tick]);

  const transitioning =
    busy || (inventory.state === 'ready' && inventory.value.machines.some((m) => /ing$/i.test(m.status)));
  useEffect(() => {
    if (!transitioning || !data) return;
    const timer = setInterval(refresh, TRANSITION_POLL_MS);
    return () => clearInterval(timer);
  }, [transitioning, data, refresh]);

  return { inventory, refresh };
}
