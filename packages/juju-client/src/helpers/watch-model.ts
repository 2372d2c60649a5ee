import { sleep } from '@edgekit/common';
import type { JujuClient } from '../client.js';
import {
  JujuAbortError,
  JujuConnectionClosedError,
  JujuError,
  JujuRpcError,
  JujuTimeoutError,
} from '../core/errors.js';
import type { Delta } from '../schemas/deltas.js';
import { applyDelta, diffStates, emptyModelState, type ModelState } from './model-state.js';
import { stateFromFullStatus } from './status-deltas.js';

export interface WatchModelOptions {
  /** `allwatcher` (3.x), `poll` (FullStatus polling, for 4.x), or `auto` (default: AllWatcher when offered). */
  mode?: 'auto' | 'allwatcher' | 'poll';
  /** FullStatus polling interval (default 5 s). */
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

export interface WaitForOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * A live view of a model: an async iterator of typed delta batches plus `waitFor(predicate)`.
 * On 3.x it long-polls an AllWatcher; where the controller has none (4.x) it polls FullStatus and
 * emits the same deltas. After a reconnect it creates a new watcher and emits the difference.
 */
export class ModelWatcher implements AsyncIterable<Delta[]> {
  /** The model as seen so far. */
  readonly state: ModelState = emptyModelState();
  readonly mode: 'allwatcher' | 'poll';
  readonly #client: JujuClient;
  readonly #pollIntervalMs: number;
  readonly #abort = new AbortController();
  readonly #listeners = new Set<() => void>();
  #queue: Delta[][] | undefined;
  #wake: (() => void) | undefined;
  #stopped = false;
  #failure: JujuError | undefined;
  #watcherId: string | undefined;
  #loop: Promise<void>;

  constructor(client: JujuClient, options: WatchModelOptions = {}) {
    this.#client = client;
    this.#pollIntervalMs = options.pollIntervalMs ?? 5_000;
    const wanted = options.mode ?? 'auto';
    this.mode = wanted === 'auto' ? (client.hasFacade('AllWatcher') ? 'allwatcher' : 'poll') : wanted;
    options.signal?.addEventListener('abort', () => void this.stop(), { once: true });
    this.#loop = this.#run();
  }

  [Symbol.asyncIterator](): AsyncIterator<Delta[]> {
    this.#queue ??= [];
    return {
      next: async () => {
        for (;;) {
          const batch = this.#queue?.shift();
          if (batch) return { value: batch, done: false };
          if (this.#failure) throw this.#failure;
          if (this.#stopped) return { value: undefined, done: true };
          await new Promise<void>((resolve) => {
            this.#wake = resolve;
          });
        }
      },
      // Leaving a `for await` loop (break, return, throw) ends that loop only: the watcher keeps
      // following the model, so `waitFor` still works afterwards. `stop()` or the signal ends watching.
      return: async () => {
        this.#queue = undefined;
        return { value: undefined, done: true };
      },
    };
  }

  /** Resolves with the state once `predicate` holds (checked now and after every batch). */
  waitFor(predicate: (state: ModelState) => boolean, options: WaitForOptions = {}): Promise<ModelState> {
    if (predicate(this.state)) return Promise.resolve(this.state);
    if (this.#failure) return Promise.reject(this.#failure);
    // A stopped watcher will never see the condition: say so now rather than at the timeout.
    if (this.#stopped)
      return Promise.reject(new JujuError('the model watcher is stopped: call waitFor before stop()'));
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (error?: Error) => {
        this.#listeners.delete(check);
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(this.state);
      };
      const check = () => {
        if (this.#failure) done(this.#failure);
        else if (predicate(this.state)) done();
        else if (this.#stopped) done(new JujuError('the model watcher stopped before the condition held'));
      };
      const onAbort = () => done(new JujuAbortError('waitFor aborted'));
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(
          () =>
            done(new JujuTimeoutError(`model did not reach the condition within ${options.timeoutMs} ms`)),
          options.timeoutMs,
        );
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.#listeners.add(check);
    });
  }

  /** Stops watching (and the server-side AllWatcher); pending `waitFor` calls reject. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#abort.abort();
    this.#notify();
    const id = this.#watcherId;
    if (id && this.#client.isConnected) await this.#client.allWatcher.stop(id).catch(() => {});
    await this.#loop;
  }

  async #run(): Promise<void> {
    try {
      while (!this.#stopped) {
        try {
          if (this.mode === 'allwatcher') await this.#watchAll();
          else await this.#poll();
        } catch (error) {
          if (this.#stopped) return;
          if (!(await this.#recoverable(error))) throw error;
        }
      }
    } catch (error) {
      this.#failure = error instanceof JujuError ? error : new JujuError(String(error));
      this.#notify();
    }
  }

  /** One AllWatcher's life: snapshot first (diffed against what we had), then changes. */
  async #watchAll(): Promise<void> {
    const id = await this.#client.client.watchAll();
    this.#watcherId = id;
    let first = true;
    while (!this.#stopped) {
      const deltas = await this.#client.allWatcher.next(id, {
        timeoutMs: Number.POSITIVE_INFINITY,
        signal: this.#abort.signal,
      });
      if (first) {
        // A new watcher starts with a full snapshot: report what changed while we were away.
        const fresh = emptyModelState();
        for (const delta of deltas) applyDelta(fresh, delta);
        this.#publish(diffStates(this.state, fresh));
        first = false;
      } else {
        this.#publish(deltas);
      }
    }
  }

  async #poll(): Promise<void> {
    while (!this.#stopped) {
      const status = await this.#client.client.fullStatus({}, { signal: this.#abort.signal });
      this.#publish(diffStates(this.state, stateFromFullStatus(status, this.#client.modelUUID ?? '')));
      await this.#sleep(this.#pollIntervalMs);
    }
  }

  /** Connection loss: wait for the client to reconnect. Stopped/unknown watcher: start a new one. */
  async #recoverable(error: unknown): Promise<boolean> {
    if (error instanceof JujuAbortError) return this.#stopped;
    if (error instanceof JujuConnectionClosedError) {
      return new Promise<boolean>((resolve) => {
        const onReconnect = () => finish(true);
        const onClose = () => finish(false);
        const finish = (ok: boolean) => {
          this.#client.off('reconnected', onReconnect);
          this.#client.off('close', onClose);
          resolve(ok && !this.#stopped);
        };
        this.#client.on('reconnected', onReconnect);
        this.#client.on('close', onClose);
        this.#abort.signal.addEventListener('abort', () => finish(false), { once: true });
        if (this.#client.isConnected) finish(true);
      });
    }
    return error instanceof JujuRpcError && (error.code === 'stopped' || error.code === 'not found');
  }

  #publish(deltas: Delta[]): void {
    if (deltas.length === 0) return;
    for (const delta of deltas) applyDelta(this.state, delta);
    this.#queue?.push(deltas);
    this.#notify();
  }

  #notify(): void {
    this.#wake?.();
    this.#wake = undefined;
    for (const listener of [...this.#listeners]) listener();
  }

  /** A poll interval that ends early (without error) when the watcher stops. */
  #sleep(ms: number): Promise<void> {
    return sleep(ms, this.#abort.signal).catch(() => undefined);
  }
}

export function watchModel(client: JujuClient, options?: WatchModelOptions): ModelWatcher {
  return new ModelWatcher(client, options);
}
