/**
 * Worker-thread entry of the site's first read (bundled as dist/first-read/worker.cjs beside the bin):
 * the choice, the demo's simulators and the first inventory read run here while the main thread loads
 * the terminal UI; the demo's simulators then serve from here until the main side says 'close'.
 * Built as CommonJS (tsup.config.ts), so no top-level await.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FirstReadInput, FirstReadMessage } from './first-read.js';
import { runFirstRead } from './first-read-steps.js';

const closed = new Promise<void>((resolve) => {
  parentPort?.on('message', (message: unknown) => {
    if (message === 'close') resolve();
  });
});
void runFirstRead(workerData as FirstReadInput, {
  send: (message: FirstReadMessage) => parentPort?.postMessage(message),
  closed,
}).then(() => {
  // Done (a real site's read, or the demo closed): end the thread, whose port listener and the MAAS
  // client's keep-alive sockets would otherwise hold it open. Posted messages are delivered first.
  process.exit(0);
});
