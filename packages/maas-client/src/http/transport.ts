import { inspect } from 'node:util';
import type { Redactor } from '@edgekit/common';
import { sleep } from '@edgekit/common';
import got, { type Got, type Response } from 'got';
import type * as z from 'zod';
import type { MaasApiKey } from '../auth/api-key.js';
import { buildOAuthHeader } from '../auth/oauth.js';
import type { MaasUrls } from '../config/url.js';
import type { MaasError } from '../errors/errors.js';
import { createMaasError } from '../errors/factory.js';
import { decodeAnswer } from '../schemas/decode.js';
import { type BodyEncoding, buildBody, buildQuery, ensureTrailingSlash, type WireParams } from './encode.js';
import type { RequestOptions } from './request-options.js';
import {
  type AttemptOutcome,
  decideRetry,
  mergeRetryPolicy,
  parseRetryAfter,
  type RetryPolicy,
} from './retry.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  /** Path relative to the API root (`machines/`), or to the site root when `base` is `site`. */
  path: string;
  op?: string | undefined;
  query?: WireParams | undefined;
  body?: WireParams | undefined;
  bodyEncoding?: BodyEncoding | undefined;
  /** Overrides the method-based idempotency rule of the retry policy. */
  idempotent?: boolean | undefined;
  base?: 'api' | 'site';
  /** Send the OAuth header (default true). */
  authenticate?: boolean;
}

export interface RawResponse {
  status: number;
  contentType: string | undefined;
  body: string;
}

export interface TransportConfig {
  urls: MaasUrls;
  apiKey: MaasApiKey | undefined;
  ca: string | Buffer | readonly (string | Buffer)[] | undefined;
  insecure: boolean;
  timeoutMs: number;
  retry: RetryPolicy;
  userAgent: string;
  redactor: Redactor;
  /** Default body encoding for POST/PUT (MAAS accepts both; the official CLI sends multipart). */
  bodyEncoding: BodyEncoding;
  /** Observes each retry before its wait starts (for logs and metrics; receives no secrets). */
  onRetry: ((event: RetryEvent) => void) | undefined;
  /** Cancels every call of the client, on top of each call's own signal. */
  signal: AbortSignal | undefined;
  /** Largest response body read; a longer one is cut off as it streams in. */
  maxResponseBytes: number;
}

export interface RetryEvent {
  method: string;
  /** Path and query (redacted). */
  path: string;
  /** The attempt that failed, 1-based. */
  attempt: number;
  delayMs: number;
  reason: string;
}

/** Marks why our own controller aborted, so the caught got error can be classified. */
type AbortCause = 'timeout' | 'caller' | 'too-large' | undefined;

/**
 * The only module that talks HTTP. It owns one got instance with got's own retries turned off: the retry
 * loop lives here so that each attempt gets a fresh OAuth nonce/timestamp and the policy stays data.
 */
export class MaasTransport {
  // Private: the config holds the API key, and private fields never show in inspect() or JSON.
  readonly #config: TransportConfig;
  readonly #got: Got;

  constructor(config: TransportConfig) {
    this.#config = config;
    this.#got = got.extend({
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      decompress: true,
      https: {
        rejectUnauthorized: !config.insecure,
        ...(config.ca !== undefined
          ? { certificateAuthority: config.ca as string | Buffer | (string | Buffer)[] }
          : {}),
      },
      headers: { 'user-agent': config.userAgent, accept: 'application/json' },
    });
  }

  [inspect.custom](): string {
    return `MaasTransport { url: '${this.#config.urls.apiUrl}' }`;
  }

  url(request: ApiRequest): string {
    const root = request.base === 'site' ? this.#config.urls.siteUrl : this.#config.urls.apiUrl;
    return `${root}${ensureTrailingSlash(request.path.replace(/^\/+/, ''))}${buildQuery(request.op, request.query)}`;
  }

  /** Sends the request with retries; resolves with the 2xx response or throws a `MaasError`. */
  async send(request: ApiRequest, callOptions: RequestOptions = {}): Promise<RawResponse> {
    const options = withClientSignal(callOptions, this.#config.signal);
    const policy = mergeRetryPolicy(this.#config.retry, options.retry);
    const url = this.url(request);
    const info = { method: request.method, path: new URL(url).pathname + new URL(url).search };
    const redactor = this.#config.redactor;
    for (let attempt = 1; ; attempt++) {
      if (options.signal?.aborted) throw createMaasError.abort(info, redactor);
      let outcome: AttemptOutcome;
      let failure: MaasError;
      try {
        const response = await this.#attempt(request, url, options);
        if (response.statusCode >= 200 && response.statusCode < 300) {
          return {
            status: response.statusCode,
            contentType: header(response, 'content-type'),
            body: response.body,
          };
        }
        const retryAfterSeconds = parseRetryAfter(header(response, 'retry-after'));
        outcome = { kind: 'status', status: response.statusCode, retryAfterSeconds };
        failure = createMaasError.http(
          {
            ...info,
            status: response.statusCode,
            retryAfterSeconds,
            contentType: header(response, 'content-type'),
            body: response.body,
            location: header(response, 'location'),
          },
          redactor,
        );
      } catch (error) {
        const classified = this.#classify(error, info, options);
        if (classified.outcome === undefined) throw classified.error;
        outcome = classified.outcome;
        failure = classified.error;
      }
      const decision = decideRetry(
        policy,
        { method: request.method, idempotent: request.idempotent, attempt },
        outcome,
      );
      if (!decision.retry) throw failure;
      this.#config.onRetry?.({
        method: info.method,
        path: redactor.redact(info.path),
        attempt,
        delayMs: decision.delayMs,
        reason: decision.reason,
      });
      try {
        await sleep(decision.delayMs, options.signal);
      } catch {
        throw createMaasError.abort(info, redactor);
      }
    }
  }

  /** Sends and validates the JSON answer once, at the edge. */
  async json<S extends z.ZodType>(
    schema: S,
    request: ApiRequest,
    options?: RequestOptions,
  ): Promise<z.output<S>> {
    const response = await this.send(request, options);
    return decodeAnswer(schema, response.body, endpointName(request), this.#config.redactor);
  }

  /** For endpoints that answer 204 or an ignorable body. */
  async empty(request: ApiRequest, options?: RequestOptions): Promise<void> {
    await this.send(request, options);
  }

  async #attempt(request: ApiRequest, url: string, options: RequestOptions): Promise<Response<string>> {
    const controller = new AbortController();
    const timeoutMs = options.timeout ?? this.#config.timeoutMs;
    const state: { cause: AbortCause } = { cause: undefined };
    const timer = setTimeout(() => {
      state.cause = 'timeout';
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => {
      state.cause ??= 'caller';
      controller.abort();
    };
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    // Caller headers may add, never replace, the signature.
    const headers: Record<string, string> = Object.fromEntries(
      Object.entries(options.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization'),
    );
    if (request.authenticate !== false && this.#config.apiKey) {
      // Fresh nonce and timestamp on every attempt: MAAS rejects a replayed nonce.
      headers.authorization = buildOAuthHeader(this.#config.apiKey);
    }
    let body: string | FormData | undefined;
    if (request.method === 'POST' || request.method === 'PUT') {
      const encoded = buildBody(request.body, request.bodyEncoding ?? this.#config.bodyEncoding);
      body = encoded.body;
      if (encoded.contentType) headers['content-type'] = encoded.contentType;
    }
    const max = this.#config.maxResponseBytes;
    const tooLarge = () => {
      state.cause ??= 'too-large';
      controller.abort();
    };
    try {
      const pending = this.#got(url, {
        method: request.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: controller.signal,
      });
      // Stop at the announced length, or while the body streams in: never buffer past the limit.
      pending.on('response', (response: { headers: Record<string, string | string[] | undefined> }) => {
        if (Number(response.headers['content-length'] ?? 0) > max) tooLarge();
      });
      pending.on('downloadProgress', (progress: { transferred: number }) => {
        if (progress.transferred > max) tooLarge();
      });
      return await pending;
    } catch (error) {
      throw new AttemptFailure(error, state.cause, timeoutMs);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  #classify(
    error: unknown,
    info: { method: string; path: string },
    options: RequestOptions,
  ): { outcome: AttemptOutcome | undefined; error: MaasError } {
    const redactor = this.#config.redactor;
    if (!(error instanceof AttemptFailure))
      return { outcome: undefined, error: createMaasError.unexpected(error, redactor) };
    if (error.cause === 'too-large') {
      return {
        outcome: undefined,
        error: createMaasError.tooLarge(info, this.#config.maxResponseBytes, redactor),
      };
    }
    if (error.cause === 'caller' || options.signal?.aborted) {
      return { outcome: undefined, error: createMaasError.abort(info, redactor) };
    }
    if (error.cause === 'timeout') {
      return {
        outcome: { kind: 'timeout' },
        error: createMaasError.timeout(info, error.timeoutMs, redactor),
      };
    }
    const inner = error.inner as
      | { code?: unknown; message?: unknown; cause?: { code?: unknown } }
      | undefined;
    const code =
      typeof inner?.code === 'string' && inner.code !== 'ERR_GOT_REQUEST_ERROR'
        ? inner.code
        : typeof inner?.cause?.code === 'string'
          ? inner.cause.code
          : undefined;
    const reason = typeof inner?.message === 'string' ? inner.message : 'request failed';
    return {
      outcome: { kind: 'network', code },
      error: createMaasError.connection(info, code, reason, redactor),
    };
  }
}

/** Carries a got failure out of one attempt without letting the got error itself escape. */
class AttemptFailure {
  constructor(
    readonly inner: unknown,
    readonly cause: AbortCause,
    readonly timeoutMs: number,
  ) {}
}

function header(response: Response<string>, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function endpointName(request: ApiRequest): string {
  return `${request.method} ${ensureTrailingSlash(request.path)}${request.op ? `?op=${request.op}` : ''}`;
}

/** The call's options with the client-wide signal folded into the call's own (either one aborts). */
function withClientSignal(options: RequestOptions, clientSignal: AbortSignal | undefined): RequestOptions {
  if (clientSignal === undefined) return options;
  const signal =
    options.signal === undefined ? clientSignal : AbortSignal.any([clientSignal, options.signal]);
  return { ...options, signal };
}
