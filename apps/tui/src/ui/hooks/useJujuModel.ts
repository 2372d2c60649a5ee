import { useEffect, useState } from 'react';
import type { SiteData } from '../../site/data.js';
import type { JujuModelState } from '../../site/juju-model.js';
import { errorMessage } from '../errorMessage.js';
import type { Loadable } from './loadable.js';

/** The live Juju model from the AllWatcher; 'none' when the site has no Juju controller. */
export function useJujuModel(data: SiteData | null): Loadable<JujuModelState> | 'none' {
  const [model, setModel] = useState<Loadable<JujuModelState>>({ state: 'loading' });
  useEffect(() => {
    const watch = data?.watchJuju;
    if (!watch) return;
    const controller = new AbortController();
    watch((value) => setModel({ state: 'ready', value }), controller.signal).catch((error: unknown) => {
      if (!controller.signal.aborted) setModel({ state: 'failed', error: errorMessage(error) });
    });
    return () => controller.abort();
  }, [data]);
  if (data && !data.watchJuju) return 'none';
  return model;
}
