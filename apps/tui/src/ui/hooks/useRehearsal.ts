import { useCallback, useEffect, useRef, useState } from 'react';
import type { Rehearsable, Rehearsal } from '../../plan/rehearse.js';
import { rehearseOffThread } from '../../plan/rehearser.js';
import type { SiteData } from '../../site/data.js';
import { errorMessage } from '../errorMessage.js';

export type RehearsalState =
  | { kind: 'idle' }
  | { kind: 'running'; what: string; step: string }
  | { kind: 'done'; rehearsal: Rehearsal; args: string }
  | { kind: 'failed'; what: string; error: string };

export type Rehearsing = ReturnType<typeof useRehearsal>;

/**
 * "Rehearse first": snapshots the connected site, runs the document on a twin of it in a worker thread
 * and keeps the report until the operator answers the prompt. The site itself is only read.
 */
export function useRehearsal(data: SiteData | null) {
  const [state, setState] = useState<RehearsalState>({ kind: 'idle' });
  const running = useRef<AbortController | null>(null);

  const clear = useCallback(() => {
    running.current?.abort();
    running.current = null;
    setState({ kind: 'idle' });
  }, []);

  const start = useCallback(
    async (subject: Rehearsable, args: string) => {
      if (data === null || running.current !== null) return;
      const controller = new AbortController();
      running.current = controller;
      const what = 'id' in subject ? subject.id : args;
      const live = () => running.current === controller;
      try {
        setState({ kind: 'running', what, step: 'reading the site for its twin' });
        const snapshot = await data.takeSiteSnapshot(controller.signal);
        if (!live()) return;
        setState({ kind: 'running', what, step: 'running it on the twin' });
        const rehearsal = await rehearseOffThread({ subject, snapshot }, controller.signal);
        if (live()) setState({ kind: 'done', rehearsal, args });
      } catch (error) {
        if (live()) setState({ kind: 'failed', what, error: errorMessage(error) });
      } finally {
        if (live()) running.current = null;
      }
    },
    [data],
  );

  // Leaving the TUI mid-rehearsal stops the twin with it.
  useEffect(() => () => running.current?.abort(), []);

  return { state, start, clear };
}
