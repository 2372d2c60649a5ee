import { useEffect, useState } from 'react';
import type { SiteData } from '../../site/data.js';
import { errorMessage } from '../errorMessage.js';
import type { Loadable } from './loadable.js';

/** Connects once per `connect`; closes the site (and the simulators it started) on unmount. */
export function useSite(
  connect: () => Promise<SiteData>,
  onFatal?: (message: string) => void,
): Loadable<SiteData> {
  const [site, setSite] = useState<Loadable<SiteData>>({ state: 'loading' });
  useEffect(() => {
    let opened: SiteData | undefined;
    let cancelled = false;
    connect().then(
      (data) => {
        opened = data;
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
      void opened?.close();
    };
  }, [connect, onFatal]);
  return site;
}
