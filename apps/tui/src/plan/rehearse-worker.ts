/**
 * Worker-thread entry of "rehearse first" (bundled as dist/rehearse-worker.js beside the bin): the twin's
 * simulators and the run against them work here, so the terminal keeps drawing and reading keys.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../ui/errorMessage.js';
import { rehearse } from './rehearse.js';
import type { RehearsalJob, RehearsalReply } from './rehearser.js';

const job = workerData as RehearsalJob;
const reply = (message: RehearsalReply) => parentPort?.postMessage(message);
rehearse(job.subject, job.snapshot).then(
  (rehearsal) => reply({ rehearsal }),
  (error: unknown) => reply({ error: errorMessage(error) }),
);
