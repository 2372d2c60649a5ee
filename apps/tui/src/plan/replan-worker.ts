/**
 * Worker-thread entry of the Planner's replans (bundled as dist/replan-worker.js beside the bin): the
 * placement and sizing solves run here so the terminal keeps reading keys while they work.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InventorySnapshot } from '@edgekit/edge-core';
import { type FromWorker, type ReplanKind, solveJob, type ToWorker } from './replan-jobs.js';

const kind = (workerData as { kind: ReplanKind }).kind;
const port = parentPort;
let snapshot: { version: number; value: InventorySnapshot } | null = null;

port?.on('message', (message: ToWorker) => {
  if (message.type === 'snapshot') {
    snapshot = { version: message.version, value: message.snapshot };
    return;
  }
  let reply: FromWorker;
  try {
    if (snapshot?.version !== message.version)
      throw new Error('replan: the inventory changed under the solve');
    reply = { id: message.id, answer: solveJob(kind, snapshot.value, message.settings) };
  } catch (error) {
    reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
