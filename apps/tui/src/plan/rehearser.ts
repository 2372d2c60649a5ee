import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SiteSnapshot } from '@edgekit/edge-core';
import { type Rehearsable, type Rehearsal, rehearse } from './rehearse.js';

/** Beside the bin in the bundle (tsup entry); absent when running from source, where it runs inline. */
const WORKER_FILE = fileURLToPath(new URL('./rehearse-worker.js', import.meta.url));

/** What the worker is given: plain data, copied into the thread. */
export interface RehearsalJob {
  subject: Rehearsable;
  snapshot: SiteSnapshot;
}

export type RehearsalReply = { rehearsal: Rehearsal } | { error: string };

/**
 * Rehearses a document on a twin in a worker thread, so the TUI stays responsive while the twin's
 * simulators run. Aborting terminates the thread (the twin lives and dies with it).
 */
export function rehearseOffThread(
  job: RehearsalJob,
  signal: AbortSignal,
  workerFile: string | null = existsSync(WORKER_FILE) ? WORKER_FILE : null,
): Promise<Rehearsal> {
  if (workerFile === null) return rehearse(job.subject, job.snapshot, { signal });
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: job });
    const stop = () => {
      void worker.terminate();
      reject(signal.reason instanceof Error ? signal.reason : new Error('rehearsal aborted'));
    };
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    const settle = () => {
      signal.removeEventListener('abort', stop);
      void worker.terminate();
    };
    worker.once('message', (reply: RehearsalReply) => {
      settle();
      if ('error' in reply) reject(new Error(reply.error));
      else resolve(reply.rehearsal);
    });
    worker.once('error', (error) => {
      settle();
      reject(error);
    });
    worker.once('exit', (code) => {
      settle();
      reject(new Error(`the rehearsal stopped early (worker exit ${code})`));
    });
  });
}
