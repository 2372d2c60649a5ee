import { useEffect, useState } from 'react';
import type { SiteData } from '../../site/data.js';
import { errorMessage } from '../errorMessage.js';
import type { Loadable } from './loadable.js';

/**
 * Connects once per `connect`, or starts from a site `opened` already; closes the site (and the
 * simulators it started) on unmount.
 */
export function useSite(
  connect: () => Promise<SiteData>,
  onFatal?: (message: string) => void,
  opened?: SiteData,
): Loadable<SiteData> {
  const [site, setSite] = useState<Loadable<SiteData>>(
    opened ? { state: 'ready', value: opened } : { state: 'loading' },
  );
  useEffect(() => {
    if (opened) return () => void opened.close();
    let connected: SiteData | undefined;
    let cancelled = false;
    connect().then(
      (data) => {
        connected = data;
        if (cancelled) void data.close();
        else setSite({ state: 'ready', value: data });
      },
      (error: unknown) => {
        if (cancelled) return;
        setSite({ state: 'failed', error: errorMessage(error) });
        onFatal?.(errorMessage(error));
      },
    );
    return () => {
      cancelled = true;
      void connected?.close();
    };
  }, [connect, onFatal, opened]);
  return site;
}
