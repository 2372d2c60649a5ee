import { relative } from 'node:path';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Rehearsal, RehearsedDocument } from '../../plan/rehearse.js';
import { rehearseOffThread } from '../../plan/rehearser.js';
import type { SiteData } from '../../site/data.js';
import { errorMessage } from '../errorMessage.js';

export type RehearsalState =
  | { kind: 'idle' }
  | { kind: 'running'; id: string; step: string }
  | { kind: 'done'; rehearsal: Rehearsal; file: string }
  | { kind: 'failed'; id: string; error: string };

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
    async (document: RehearsedDocument, file: string) => {
      if (data === null || running.current !== null) return;
      const controller = new AbortController();
      running.current = controller;
      const { id } = document;
      const live = () => running.current === controller;
      try {
        setState({ kind: 'running', id, step: 'reading the site for its twin' });
        const snapshot = await data.takeSiteSnapshot(controller.signal);
        if (!live()) return;
        setState({ kind: 'running', id, step: 'running it on the twin' });
        const rehearsal = await rehearseOffThread({ document, snapshot }, controller.signal);
        // Relative to where edgekit runs (where plans are saved by default), so the hint fits a line.
        const shown = relative(process.cwd(), file);
        if (live()) setState({ kind: 'done', rehearsal, file: shown.startsWith('..') ? file : shown });
      } catch (error) {
        if (live()) setState({ kind: 'failed', id, error: errorMessage(error) });
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
