import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';
import {
  JujuAbortError,
  JujuConnectionClosedError,
  type JujuError,
  JujuMalformedFrameError,
  JujuRpcError,
  JujuTimeoutError,
} from '../core/errors.js';
import { redact } from '../core/redact.js';
import { parseResponseFrame, type RequestFrame, RequestIds, type ResponseFrame } from './frame.js';

/** What one call sends. `id` is the top-level object id (AllWatcher watcher id). */
export interface CallSpec {
  type: string;
  version: number;
  request: string;
  params?: unknown;
  id?: string;
}

/** Per-call knobs, accepted by every facade method. */
export interface CallOptions {
  /** Milliseconds before the call fails with JujuTimeoutError (default: the transport's `callTimeoutMs`; Infinity: none). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TransportOptions {
  /** Default per-call timeout; Juju can take long on big models, so the default is generous. */
  callTimeoutMs?: number;
  /** Interval of the Pinger.Ping keepalive once started (juju-dashboard uses 20 s; JAAS needs <= 20 s). */
  pingIntervalMs?: number;
  /** How long a ping may go unanswered before the connection is declared broken (default: the interval). */
  pingTimeoutMs?: number;
}

export interface TransportEvents {
  /** Malformed frames and other problems that have no caller to reject. */
  error: [JujuError];
  /** A ping went unanswered: the socket is being torn down. */
  broken: [JujuError];
  /** The socket closed; every pending call has been rejected. */
  close: [{ code: number; reason: string; byClient: boolean }];
  /** Every frame in and out, with secrets redacted; for debugging. */
  frame: [{ direction: 'out' | 'in'; frame: unknown }];
}

interface Pending {
  spec: CallSpec;
  resolve: (value: { requestId: number; response: unknown }) => void;
  reject: (error: Error) => void;
  cleanup: () => void;
}

const DEFAULT_CALL_TIMEOUT_MS = 120_000;
const DEFAULT_PING_INTERVAL_MS = 20_000;

/**
 * Juju RPC over one WebSocket: numbered requests, replies matched by `request-id` in any order,
 * a pending-call map with per-call timeout and abort, and rejection of everything pending on close.
 */
export class RpcTransport extends EventEmitter<TransportEvents> {
  readonly #socket: WebSocket;
  readonly #ids = new RequestIds();
  readonly #pending = new Map<number, Pending>();
  readonly #callTimeoutMs: number;
  readonly #pingIntervalMs: number;
  readonly #pingTimeoutMs: number;
  #pingTimer: NodeJS.Timeout | undefined;
  #closedByClient = false;
  #closed = false;

  constructor(socket: WebSocket, options: TransportOptions = {}) {
    super();
    this.#socket = socket;
    this.#callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.#pingIntervalMs = options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
    this.#pingTimeoutMs = options.pingTimeoutMs ?? this.#pingIntervalMs;
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('close', (code, reason) => this.#onClose(code, reason.toString()));
    // ws reports socket errors before 'close'; the close handler does the rejecting.
    socket.on('error', () => {});
  }

  get isOpen(): boolean {
    return !this.#closed && this.#socket.readyState === this.#socket.OPEN;
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  /**
   * Sends one request and resolves with its `response`, or rejects with a JujuRpcError built from
   * `error`/`error-code`/`error-info`. Throws at once, sending nothing, when the socket is not open.
   */
  async call(spec: CallSpec, options: CallOptions = {}): Promise<unknown> {
    return (await this.request(spec, options)).response;
  }

  /** Like {@link call}, but also returns the request id (per-item bulk errors carry it). */
  request(spec: CallSpec, options: CallOptions = {}): Promise<{ requestId: number; response: unknown }> {
    if (!this.isOpen) {
      return Promise.reject(
        new JujuConnectionClosedError(`cannot send ${spec.type}.${spec.request}: the connection is not open`),
      );
    }
    if (options.signal?.aborted) {
      return Promise.reject(new JujuAbortError(`${spec.type}.${spec.request} aborted before it was sent`));
    }
    const requestId = this.#ids.next();
    // Key order mirrors Juju's own clients; `id` only when set (AllWatcher), `params` always an object.
    const frame: RequestFrame =
      spec.id === undefined
        ? {
            'request-id': requestId,
            type: spec.type,
            version: spec.version,
            request: spec.request,
            params: spec.params ?? {},
          }
        : {
            'request-id': requestId,
            type: spec.type,
            version: spec.version,
            id: spec.id,
            request: spec.request,
            params: spec.params ?? {},
          };
    return new Promise<{ requestId: number; response: unknown }>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? this.#callTimeoutMs;
      // Long polls (AllWatcher.Next) pass Infinity: they legitimately wait until the model changes.
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            this.#settle(requestId)?.reject(
              new JujuTimeoutError(`${spec.type}.${spec.request} got no reply within ${timeoutMs} ms`),
            );
          }, timeoutMs)
        : undefined;
      const onAbort = () => {
        this.#settle(requestId)?.reject(new JujuAbortError(`${spec.type}.${spec.request} aborted`));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      this.#pending.set(requestId, { spec, resolve, reject, cleanup });
      if (this.listenerCount('frame') > 0) this.emit('frame', { direction: 'out', frame: redact(frame) });
      this.#socket.send(JSON.stringify(frame));
    });
  }

  /** Starts the keepalive: `ping` every interval; an unanswered ping declares the connection broken. */
  startPinger(ping: (options: CallOptions) => Promise<unknown>): void {
    this.stopPinger();
    const tick = () => {
      if (!this.isOpen) return;
      ping({ timeoutMs: this.#pingTimeoutMs }).then(
        () => {
          if (this.isOpen) this.#pingTimer = setTimeout(tick, this.#pingIntervalMs);
        },
        (error: JujuError) => {
          if (this.#closed) return;
          this.emit('broken', error);
          this.#socket.terminate();
        },
      );
    };
    this.#pingTimer = setTimeout(tick, this.#pingIntervalMs);
  }

  stopPinger(): void {
    if (this.#pingTimer) clearTimeout(this.#pingTimer);
    this.#pingTimer = undefined;
  }

  /** Closes the socket; pending calls are rejected with JujuConnectionClosedError. */
  close(): Promise<void> {
    this.#closedByClient = true;
    this.stopPinger();
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.once('close', () => resolve());
      if (this.#socket.readyState === this.#socket.CLOSED) this.#onClose(1000, 'closed by client');
      else this.#socket.close(1000);
    });
  }

  #settle(requestId: number): Pending | undefined {
    const pending = this.#pending.get(requestId);
    if (!pending) return undefined;
    this.#pending.delete(requestId);
    pending.cleanup();
    return pending;
  }

  #onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    const text = isBinary ? '' : data.toString();
    const parsed = isBinary ? 'binary frame (Juju sends text frames only)' : parseResponseFrame(text);
    if (typeof parsed === 'string') {
      this.#report(
        new JujuMalformedFrameError(`malformed frame from the controller: ${parsed}`, text.slice(0, 200)),
      );
      return;
    }
    const pending = this.#settle(parsed['request-id']);
    if (!pending) {
      // A late reply to a call that timed out or was aborted is expected; an id never sent is a controller
      // (or proxy) bug, reported rather than leaving the caller to its timeout with nothing said.
      if (!this.#ids.issued(parsed['request-id'])) {
        this.#report(
          new JujuMalformedFrameError(
            `reply to request id ${parsed['request-id']}, which this connection never sent`,
            text.slice(0, 200),
          ),
        );
      }
      return;
    }
    // The debug copy is only made when someone listens: big FullStatus replies are costly to copy.
    if (this.listenerCount('frame') > 0) this.emit('frame', { direction: 'in', frame: redact(parsed) });
    if (parsed.error !== undefined) pending.reject(this.#rpcError(parsed, pending.spec));
    else pending.resolve({ requestId: parsed['request-id'], response: parsed.response ?? {} });
  }

  #rpcError(frame: ResponseFrame, spec: CallSpec): JujuRpcError {
    return JujuRpcError.from({
      message: frame.error ?? '',
      code: frame['error-code'] || undefined,
      info: frame['error-info'] ?? undefined,
      facade: spec.type,
      method: spec.request,
      requestId: frame['request-id'],
    });
  }

  #onClose(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.stopPinger();
    const why = this.#closedByClient ? 'closed by the client' : `closed by the peer (code ${code})`;
    for (const requestId of [...this.#pending.keys()]) {
      const pending = this.#settle(requestId);
      if (!pending) continue;
      const { type, request } = pending.spec;
      const mutating = !isIdempotent(type, request);
      const hint = mutating
        ? '; it may have been applied: reconcile (e.g. with FullStatus), do not replay'
        : '';
      pending.reject(
        new JujuConnectionClosedError(
          `${type}.${request} failed: the connection was ${why}${hint}`,
          mutating,
        ),
      );
    }
    this.emit('close', { code, reason, byClient: this.#closedByClient });
  }

  #report(error: JujuError): void {
    // An 'error' event without a listener would throw inside the socket callback; drop it instead.
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

/** Calls that only read (or are safe to repeat); everything else is treated as a mutation. */
const READ_PREFIXES = [
  'Get',
  'List',
  'Full',
  'Watch',
  'Model',
  'Charm',
  'Resolve',
  'Next',
  'Ping',
  'Redirect',
];
const READ_METHODS = new Set(['Operations', 'Actions', 'Login', 'Stop']);

export function isIdempotent(_facade: string, method: string): boolean {
  return READ_METHODS.has(method) || READ_PREFIXES.some((prefix) => method.startsWith(prefix));
}
