import { hostname } from 'node:os';
import { inspect } from 'node:util';
import { REDACTED, Redactor } from '@edgekit/common';
import * as z from 'zod';
import { formatApiKey, type MaasApiKey, parseApiKey } from './auth/api-key.js';
import { type ResolveMaasConfigOptions, resolveMaasConfig } from './config/resolve.js';
import { normaliseMaasUrl } from './config/url.js';
import { MaasForbiddenError } from './errors/errors.js';
import { createMaasError } from './errors/factory.js';
import type { BodyEncoding } from './http/encode.js';
import type { RequestOptions } from './http/request-options.js';
import { defaultRetryPolicy, mergeRetryPolicy, type RetryOverride } from './http/retry.js';
import { MaasTransport, type RetryEvent } from './http/transport.js';
import { Events } from './resources/events.js';
import { Machines } from './resources/machines.js';
import { Fabrics, Spaces, Subnets, Vlans } from './resources/networks.js';
import { BootResources, Domains, NodeDevices, SshKeys, Users } from './resources/small.js';
import { Tags } from './resources/tags.js';
import { Version } from './resources/version.js';
import { VmHosts } from './resources/vm-hosts.js';
import { ResourcePools, Zones } from './resources/zones-pools.js';

export interface MaasClientOptions {
  /** MAAS root, with or without `/MAAS/` or `/api/2.0/`. */
  url: string;
  /** `consumer_key:token_key:token_secret`. */
  apiKey: string;
  /** PEM CA bundle to trust in addition to nothing else (replaces the system store for this client). */
  ca?: string | Buffer | readonly (string | Buffer)[] | undefined;
  /** Skip TLS verification. Explicit opt-in; never the default. */
  insecure?: boolean | undefined;
  /** Per-attempt timeout in ms (default 30 000). */
  timeout?: number | undefined;
  /** Retry policy overrides, or `false` to never retry. */
  retry?: RetryOverride | undefined;
  userAgent?: string | undefined;
  /** POST/PUT body encoding (default `urlencoded`; `multipart` is what the MAAS CLI sends). */
  bodyEncoding?: BodyEncoding | undefined;
  /** Called before each retry wait, e.g. to log "retrying in 5 s (409 with Retry-After)". */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /**
   * Cancels every call of this client, including waits between retries, on top of each call's own
   * `signal`: e.g. `client.withOptions({ signal })` for everything one operation does.
   */
  signal?: AbortSignal | undefined;
  /**
   * Largest response body the client reads, in bytes (default 64 MiB: a 5 000-machine listing is about
   * 40 MiB). A longer answer is cut off as it streams in with `MaasResponseTooLargeError`, never retried.
   */
  maxResponseBytes?: number | undefined;
}

const DEFAULT_USER_AGENT = 'edgekit-maas-client/0.1';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

const LoginResponseSchema = z.looseObject({
  consumer_key: z.string(),
  token_key: z.string(),
  token_secret: z.string(),
  name: z.string().optional(),
});

function validateOptions(
  options: Pick<MaasClientOptions, 'ca' | 'insecure' | 'timeout' | 'maxResponseBytes'>,
): void {
  if (options.insecure && options.ca !== undefined) {
    throw createMaasError.config('Give either a CA bundle (ca) or insecure: true, not both.');
  }
  if (options.timeout !== undefined && !(options.timeout > 0)) {
    throw createMaasError.config(
      `timeout must be a positive number of milliseconds, got ${options.timeout}.`,
    );
  }
  const max = options.maxResponseBytes;
  if (max !== undefined && !(Number.isSafeInteger(max) && max > 0)) {
    throw createMaasError.config(`maxResponseBytes must be a positive whole number of bytes, got ${max}.`);
  }
}

export class MaasClient {
  readonly url: string;
  readonly apiUrl: string;
  readonly version: Version;
  readonly users: Users;
  readonly machines: Machines;
  readonly vmHosts: VmHosts;
  readonly zones: Zones;
  readonly resourcePools: ResourcePools;
  readonly tags: Tags;
  readonly subnets: Subnets;
  readonly fabrics: Fabrics;
  readonly vlans: Vlans;
  readonly spaces: Spaces;
  readonly domains: Domains;
  readonly sshKeys: SshKeys;
  readonly bootResources: BootResources;
  readonly events: Events;
  readonly nodeDevices: NodeDevices;
  // Private fields are invisible to inspect/JSON.stringify, so the key cannot leak through them.
  readonly #options: MaasClientOptions;
  readonly #transport: MaasTransport;

  constructor(options: MaasClientOptions) {
    if (options === null || typeof options !== 'object') {
      throw createMaasError.config('new MaasClient({ url, apiKey }) needs an options object.');
    }
    const key: MaasApiKey = parseApiKey(options.apiKey);
    const urls = normaliseMaasUrl(options.url);
    validateOptions(options);
    this.#options = options;
    this.url = urls.siteUrl;
    this.apiUrl = urls.apiUrl;
    this.#transport = new MaasTransport({
      urls,
      apiKey: key,
      ca: options.ca,
      insecure: options.insecure === true,
      timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
      retry: mergeRetryPolicy(defaultRetryPolicy, options.retry),
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      bodyEncoding: options.bodyEncoding ?? 'urlencoded',
      onRetry: options.onRetry,
      signal: options.signal,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      redactor: new Redactor([options.apiKey.trim(), key.consumerKey, key.tokenKey, key.tokenSecret]),
    });
    const http = this.#transport;
    this.version = new Version(http);
    this.users = new Users(http);
    this.machines = new Machines(http);
    this.vmHosts = new VmHosts(http);
    this.zones = new Zones(http);
    this.resourcePools = new ResourcePools(http);
    this.tags = new Tags(http);
    this.subnets = new Subnets(http);
    this.fabrics = new Fabrics(http);
    this.vlans = new Vlans(http);
    this.spaces = new Spaces(http);
    this.domains = new Domains(http);
    this.sshKeys = new SshKeys(http);
    this.bootResources = new BootResources(http);
    this.events = new Events(http);
    this.nodeDevices = new NodeDevices(http);
  }

  /**
   * Builds a client from the first configured source (explicit options, environment, `~/.maascli.db`,
   * edgekit's profiles file); see `resolveMaasConfig`.
   */
  static async fromConfig(
    options: ResolveMaasConfigOptions & Omit<MaasClientOptions, 'url' | 'apiKey' | 'ca' | 'insecure'> = {},
  ): Promise<MaasClient> {
    const { profile, env, maascliDbPath, profilesPath, url, apiKey, ca, insecure, ...clientOptions } =
      options;
    const resolved = await resolveMaasConfig({
      profile,
      env,
      maascliDbPath,
      profilesPath,
      url,
      apiKey,
      ca,
      insecure,
    });
    return new MaasClient({
      ...clientOptions,
      url: resolved.url,
      apiKey: resolved.apiKey,
      ca: resolved.ca,
      insecure: resolved.insecure,
    });
  }

  /** A copy of this client with some options changed (e.g. a longer timeout or no retries). */
  withOptions(overrides: Partial<MaasClientOptions>): MaasClient {
    return new MaasClient({ ...this.#options, ...overrides });
  }

  /**
   * Exchanges a username and password for an API key through `POST /MAAS/accounts/authenticate/` (form
   * fields `username`, `password`, optional `consumer` token label). Resolves with
   * `consumer_key:token_key:token_secret`. Wrong credentials reject with `MaasForbiddenError`.
   */
  static async login(
    url: string,
    username: string,
    password: string,
    options: Omit<MaasClientOptions, 'url' | 'apiKey'> & { consumer?: string } & RequestOptions = {},
  ): Promise<string> {
    if (!username || !password)
      throw createMaasError.config('MaasClient.login needs a username and a password.');
    validateOptions(options);
    const transport = new MaasTransport({
      urls: normaliseMaasUrl(url),
      apiKey: undefined,
      ca: options.ca,
      insecure: options.insecure === true,
      timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
      // A login POST creates a token server-side; do not repeat it blindly.
      retry: mergeRetryPolicy(defaultRetryPolicy, options.retry),
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      bodyEncoding: 'urlencoded',
      onRetry: options.onRetry,
      signal: undefined,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      redactor: new Redactor([password]),
    });
    const body = {
      username,
      password,
      consumer: options.consumer ?? `edgekit@${hostname()}`,
    };
    try {
      const token = await transport.json(
        LoginResponseSchema,
        { method: 'POST', base: 'site', path: 'accounts/authenticate/', body, authenticate: false },
        options.signal ? { signal: options.signal } : {},
      );
      return formatApiKey({
        consumerKey: token.consumer_key,
        tokenKey: token.token_key,
        tokenSecret: token.token_secret,
      });
    } catch (error) {
      if (error instanceof MaasForbiddenError) {
        throw createMaasError.http(
          {
            method: error.method,
            path: error.path,
            status: 403,
            retryAfterSeconds: undefined,
            contentType: 'text/plain',
            body: `MAAS rejected the username or password for "${username}" (or the account is inactive).`,
          },
          new Redactor([password]),
        );
      }
      throw error;
    }
  }

  [inspect.custom](): string {
    return `MaasClient { url: '${this.url}', apiKey: '${REDACTED}' }`;
  }

  toJSON(): { url: string } {
    return { url: this.url };
  }
}
