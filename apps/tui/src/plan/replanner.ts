import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InventorySnapshot } from '@edgekit/edge-core';
import {
  type FromWorker,
  type ReplanAnswers,
  type ReplanKind,
  solveJob,
  type ToWorker,
} from './replan-jobs.js';
import type { PlannerSettings } from './settings.js';

/** Beside the bin in the bundle (tsup entry); absent when running from source, where solves run inline. */
const WORKER_FILE = fileURLToPath(new URL('./replan-worker.js', import.meta.url));

interface Waiting<A> {
  id: number;
  settings: PlannerSettings;
  resolve: (answer: A | null) => void;
  reject: (error: Error) => void;
}

/**
 * One kind of Planner solve off the event loop, latest wins: at most one solve runs and at most one waits;
 * a newer request replaces the waiting one (its promise gets null), and the answer of a solve that a newer
 * request made stale is dropped (null), so typing never queues up work and never shows an old answer.
 */
export class Replanner<K extends ReplanKind> {
  /** Started on first use: a worker compiles the whole bundle, work the terminal's start need not wait for. */
  private thread: Worker | null = null;
  private snapshot: { version: number; value: InventorySnapshot } | null = null;
  private running: Waiting<ReplanAnswers[K]> | null = null;
  private waiting: Waiting<ReplanAnswers[K]> | null = null;
  private lastId = 0;
  /** Pending while requests keep coming closer together than `quietMs`: no solve starts meanwhile. */
  private quiet: NodeJS.Timeout | null = null;

  /**
   * `quietMs`: start a solve only once requests stop for this long. For a slow solve (sizing tries several
   * fleet sizes, ~100 ms on 1 000 hosts): while a key is held each answer would be stale before it landed,
   * and on a small machine the solve would take a core from the terminal drawing the keys.
   */
  constructor(
    private readonly kind: K,
    private readonly workerFile: string | null = existsSync(WORKER_FILE) ? WORKER_FILE : null,
    private readonly quietMs = 0,
  ) {}

  /** Whether solves run in a worker thread (the built bin) or inline on a timer (running from source). */
  get threaded(): boolean {
    return this.workerFile !== null;
  }

  private get worker(): Worker | null {
    if (this.thread === null && this.workerFile !== null) {
      this.thread = new Worker(this.workerFile, { workerData: { kind: this.kind } });
      this.thread.unref();
      this.thread.on('message', (reply: FromWorker) => this.settle(reply));
    }
    return this.thread;
  }

  /** The inventory the next solves use (sent to the worker once, not with every key). */
  setSnapshot(snapshot: InventorySnapshot): void {
    const version = (this.snapshot?.version ?? 0) + 1;
    this.snapshot = { version, value: snapshot };
    this.send({ type: 'snapshot', version, snapshot });
  }

  /** The answer for these settings, or null when a newer request made it stale before it landed. */
  solve(settings: PlannerSettings): Promise<ReplanAnswers[K] | null> {
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(null);
      this.waiting = { id: ++this.lastId, settings, resolve, reject };
      if (this.quietMs > 0) {
        if (this.quiet !== null) clearTimeout(this.quiet);
        this.quiet = setTimeout(() => {
          this.quiet = null;
          this.next();
        }, this.quietMs);
      }
      this.next();
    });
  }

  close(): void {
    if (this.quiet !== null) clearTimeout(this.quiet);
    void this.thread?.terminate();
  }

  private next(): void {
    if (this.quiet !== null) return;
    if (this.running !== null || this.waiting === null || this.snapshot === null) return;
    this.running = this.waiting;
    this.waiting = null;
    const { id, settings } = this.running;
    if (this.worker) {
      this.send({ type: 'solve', id, version: this.snapshot.version, settings });
      return;
    }
    const snapshot = this.snapshot.value;
    // Inline: after the frame that shows "replanning…", as the worker's answer would come.
    setTimeout(() => {
      try {
        this.settle({ id, answer: solveJob(this.kind, snapshot, settings) });
      } catch (error) {
        this.settle({ id, error: error instanceof Error ? error.message : String(error) });
      }
    }, 0);
  }

  private settle(reply: FromWorker): void {
    const done = this.running;
    if (done === null || done.id !== reply.id) return;
    this.running = null;
    const stale = reply.id !== this.lastId;
    if (stale) done.resolve(null);
    else if ('error' in reply) done.reject(new Error(reply.error));
    else done.resolve(reply.answer as ReplanAnswers[K]);
    this.next();
  }

  private send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }
}
