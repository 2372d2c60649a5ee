import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EdgekitError, type ErrorKind } from '@edgekit/common/base';
import type { SiteChoice, SiteFlags } from './choose.js';
import type { Inventory } from './model.js';

// Light on purpose: the CLI imports this before Ink loads, so besides common's error base it imports
// types only (the steps are in first-read-steps.ts, loaded by the worker or, from source, inline).

/** In the bundle beside the bin (tsup.config.ts); absent when running from source, where the steps run inline. */
const WORKER_FILE = fileURLToPath(new URL('./first-read/worker.cjs', import.meta.url));

export interface FirstReadInput {
  flags: SiteFlags;
  env: Record<string, string | undefined>;
  /** The demo's seed and time scale (the simulators start where the first read runs). */
  seed?: number;
  timeScale?: number;
}

/** Where the demo's simulators, hosted by the first read, answer; with MAAS's secrets for redaction. */
export interface HostedDemo {
  maas: { url: string; apiKey: string };
  /** The Juju simulator starts after the first read (its TLS keys take a while): its model login. */
  juju: Promise<HostedJuju>;
  secrets: string[];
}

export interface HostedJuju {
  login: { endpoints: string[]; caCert: string; user: string; password: string; modelUUID: string };
  controllerName: string;
  model: string;
}

/**
 * What the steps report, in order: the site chosen, the demo's MAAS (demo only), the inventory from the
 * lists, the whole inventory (GPUs and N-1 added), the demo's Juju.
 */
export type FirstReadMessage =
  | { type: 'choice'; choice: SiteChoice }
  | { type: 'demo-maas'; maas: { url: string; apiKey: string }; secrets: string[] }
  | { type: 'inventory'; inventory: Inventory }
  | { type: 'complete'; inventory: Inventory }
  | { type: 'demo-juju'; juju: HostedJuju }
  /**
   * `stage` says which promises fail: the choice fails them all, the lists both inventories, the GPU
   * reads the whole inventory only.
   */
  | { type: 'failed'; stage: 'choice' | 'inventory' | 'complete' | 'juju'; message: string; usage: boolean };

/**
 * The first read of the site, started before the terminal UI has loaded: which site the flags and
 * profiles select, the demo's simulators when that is the demo, and the inventory the Site screen shows
 * first. It runs in a worker thread, so it proceeds while the main thread loads Ink and the screens;
 * the demo's simulators stay in that thread for the session, off the UI's event loop.
 */
export interface FirstRead {
  choice: Promise<SiteChoice>;
  /** The hosted demo's endpoints; null on a real site. */
  demo: Promise<HostedDemo | null>;
  /** The first paint: the inventory from MAAS's lists, before the GPU reads and the N-1 check. */
  inventory: Promise<Inventory>;
  /** The same read completed: what the screens' first load of the inventory gives. */
  complete: Promise<Inventory>;
  /** Stops the demo's simulators (and the thread); nothing to do for a real site. */
  close(): Promise<void>;
}

/**
 * A failure of the steps, rebuilt on this side from its one line (the thread keeps its own objects):
 * `usage` marks the choice's usage errors (a bad flag or profile), anything else is a connection's.
 */
export class FirstReadError extends EdgekitError {
  override name = 'FirstReadError';
  constructor(
    message: string,
    readonly usage: boolean,
  ) {
    super(message);
  }

  override get kind(): ErrorKind {
    return this.usage ? 'usage' : 'connection';
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting on one of them (a command that fails early): no unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** The steps' other end: where their messages go and how they learn to stop. */
export interface FirstReadPort {
  send(message: FirstReadMessage): void;
  /** Resolves when the main side closes the first read (the demo's simulators stop then). */
  closed: Promise<void>;
}

export function startFirstRead(
  input: FirstReadInput,
  workerFile: string | null = existsSync(WORKER_FILE) ? WORKER_FILE : null,
): FirstRead {
  const choice = deferred<SiteChoice>();
  const demo = deferred<HostedDemo | null>();
  const inventory = deferred<Inventory>();
  const complete = deferred<Inventory>();
  const juju = deferred<HostedJuju>();
  const all = [choice, demo, inventory, complete, juju];
  const promises = {
    choice: choice.promise,
    demo: demo.promise,
    inventory: inventory.promise,
    complete: complete.promise,
  };

  const receive = (message: FirstReadMessage) => {
    switch (message.type) {
      case 'choice':
        choice.resolve(message.choice);
        if (message.choice.kind === 'real') demo.resolve(null);
        return;
      case 'demo-maas':
        return demo.resolve({ maas: message.maas, juju: juju.promise, secrets: message.secrets });
      case 'inventory':
        return inventory.resolve(message.inventory);
      case 'complete':
        return complete.resolve(message.inventory);
      case 'demo-juju':
        return juju.resolve(message.juju);
      case 'failed': {
        const error = new FirstReadError(message.message, message.usage);
        const failing = {
          choice: all,
          inventory: [inventory, complete],
          complete: [complete],
          juju: [juju],
        }[message.stage];
        for (const d of failing) d.reject(error);
        return;
      }
    }
  };
  const lost = (error: Error) => {
    for (const d of all) d.reject(error);
  };

  if (workerFile === null) {
    let stop!: () => void;
    const closed = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const done = import('./first-read-steps.js')
      .then(({ runFirstRead }) => runFirstRead(input, { send: receive, closed }))
      .catch(lost);
    return {
      ...promises,
      close: async () => {
        stop();
        await done;
      },
    };
  }

  const worker = new Worker(workerFile, { workerData: input });
  worker.on('message', receive);
  worker.once('error', lost);
  let running = true;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      running = false;
      // After a complete run every promise was settled already (this changes none); otherwise it died early.
      lost(new Error(`the site's first read stopped early (worker exit ${code})`));
      resolve();
    }),
  );
  return {
    ...promises,
    close: async () => {
      if (running) worker.postMessage('close');
      await exited;
    },
  };
}
