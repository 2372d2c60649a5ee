import { EventEmitter } from 'node:events';
import type * as z from 'zod';
import { checkEndpoint, dialFirst } from './connect/dial.js';
import { FacadeVersions } from './connect/facade-versions.js';
import { resolveJujuConfig } from './connect/juju-data.js';
import { login, serverEndpoints } from './connect/login.js';
import {
  JujuConfigError,
  JujuConnectionClosedError,
  type JujuError,
  JujuRedirectError,
  JujuValidationError,
} from './core/errors.js';
import { holdSecret } from './core/redact.js';
import { ActionFacade } from './facades/action.js';
import { AllWatcherFacade } from './facades/all-watcher.js';
import { AnnotationsFacade } from './facades/annotations.js';
import { ApplicationFacade } from './facades/application.js';
import { BundleFacade } from './facades/bundle.js';
import type { FacadeCaller, FacadeCallOptions, Reply } from './facades/caller.js';
import { CharmsFacade } from './facades/charms.js';
import { ClientFacade } from './facades/client-facade.js';
import { MachineManagerFacade } from './facades/machine-manager.js';
import { ModelManagerFacade } from './facades/model-manager.js';
import { PingerFacade } from './facades/pinger.js';
import { type DeployBundleOptions, type DeployBundleResult, deployBundle } from './helpers/deploy-bundle.js';
import { ModelWatcher, type WatchModelOptions } from './helpers/watch-model.js';
import { decode } from './rpc/decode.js';
import { RpcTransport, type TransportOptions } from './rpc/transport.js';
import { retryTryAgain, type TryAgainPolicy } from './rpc/try-again.js';
import type * as w from './schemas/generated.js';

export interface ReconnectOptions {
  /** Attempts before giving up (default 5). */
  attempts?: number;
  /** First delay; doubles per attempt up to 30 s (default 1 s). */
  delayMs?: number;
}

export interface JujuConnectOptions extends TransportOptions {
  /** `host:port` list (controllers.yaml `api-endpoints`); all are dialled in parallel. */
  endpoints: string[];
  /** Controller CA PEM; TLS is pinned to it with server name `juju-apiserver`. */
  caCert?: string;
  /** Controller `public-hostname`, for controllers with a publicly trusted certificate and no CA. */
  publicHostname?: string;
  user: string;
  password: string;
  /** Log into this model (`/model/<uuid>/api`); without it, the controller (`/api`). */
  modelUUID?: string;
  /** Juju version announced as `client-version` (default 3.6.14). */
  clientVersion?: string;
  /** Follow one `redirection required` to the new controller instead of throwing JujuRedirectError. */
  followRedirects?: boolean;
  /** Scheme put before redirect targets (default `wss://`; `ws://` only for loopback tests). */
  redirectScheme?: 'wss://' | 'ws://';
  /** Re-dial, log in again and renegotiate when the socket drops (default on; `false` to disable). */
  reconnect?: boolean | ReconnectOptions;
  dialTimeoutMs?: number;
  /** Login reply timeout (default 30 s; the controller closes sockets idle before login after ~1 min). */
  loginTimeoutMs?: number;
  /** Retry calls the controller answers with `try again` (default: 100 ms doubling to 1.5 s, 10 s in all). */
  tryAgain?: TryAgainPolicy;
  maxPayload?: number;
}

export interface JujuClientEvents {
  /** Problems with no caller to reject (malformed frames, failed reconnect attempts). */
  error: [JujuError];
  /** A ping went unanswered; the socket is being dropped. */
  broken: [JujuError];
  /** The socket dropped unexpectedly; a reconnect follows when enabled. */
  disconnected: [{ code: number }];
  /** A new socket is logged in; watchers re-create themselves on this event. */
  reconnected: [{ attempt: number }];
  /** The client is closed for good. */
  close: [];
}

interface Session {
  transport: RpcTransport;
  loginResult: w.LoginResult;
  facades: FacadeVersions;
}

/**
 * One logged-in connection to a Juju controller or model, with typed facades. Connect with
 * {@link JujuClient.connect} or `connectFromJujuData`.
 */
export class JujuClient extends EventEmitter<JujuClientEvents> implements FacadeCaller {
  readonly client = new ClientFacade(this);
  readonly modelManager = new ModelManagerFacade(this);
  readonly machineManager = new MachineManagerFacade(this);
  readonly charms = new CharmsFacade(this);
  readonly applications = new ApplicationFacade(this);
  readonly actions = new ActionFacade(this);
  readonly bundle = new BundleFacade(this);
  readonly allWatcher = new AllWatcherFacade(this);
  readonly pinger = new PingerFacade(this);
  readonly annotations = new AnnotationsFacade(this);

  readonly #options: Omit<JujuConnectOptions, 'password'>;
  readonly #password: string;
  readonly #releaseSecret: () => void;
  #endpoints: string[];
  #caCert: string | undefined;
  #session: Session | undefined;
  #closed = false;
  #reconnectTimer: NodeJS.Timeout | undefined;

  private constructor(options: JujuConnectOptions) {
    super();
    const { password, ...rest } = options;
    if (!options.user) throw new JujuConfigError('user is required (e.g. "admin")');
    if (!password) {
      throw new JujuConfigError(
        'password is required: this client logs in with user and password (macaroon-only login is not supported yet)',
      );
    }
    this.#options = rest;
    this.#password = password;
    this.#releaseSecret = holdSecret(password);
    if (!Array.isArray(options.endpoints) || options.endpoints.length === 0) {
      throw new JujuConfigError(
        'endpoints is required: at least one controller host:port (e.g. 10.0.0.1:17070)',
      );
    }
    this.#endpoints = options.endpoints.map(checkEndpoint);
    this.#caCert = options.caCert;
  }

  /** Dials all endpoints in parallel, logs in with Admin v3 and negotiates facade versions. */
  static async connect(options: JujuConnectOptions): Promise<JujuClient> {
    const client = new JujuClient(options);
    try {
      await client.#establish();
    } catch (error) {
      // Errors built while connecting were scrubbed of the password then: the client held it.
      client.#releaseSecret();
      if (error instanceof JujuRedirectError && options.followRedirects && error.endpoints().length > 0) {
        const scheme = options.redirectScheme ?? 'wss://';
        const endpoints = error.endpoints().map((e) => `${scheme}${e}`);
        const next: JujuConnectOptions = { ...options, endpoints, followRedirects: false };
        if (error.caCert !== undefined) next.caCert = error.caCert;
        return JujuClient.connect(next);
      }
      throw error;
    }
    return client;
  }

  /** A second connection with the same credentials, logged into a model of this controller. */
  connectModel(modelUUID: string): Promise<JujuClient> {
    const options: JujuConnectOptions = { ...this.#options, password: this.#password, modelUUID };
    options.endpoints = [...this.#endpoints];
    if (this.#caCert !== undefined) options.caCert = this.#caCert;
    return JujuClient.connect(options);
  }

  get loginResult(): w.LoginResult {
    return this.#live().loginResult;
  }

  get serverVersion(): string {
    return this.#live().loginResult['server-version'] ?? '';
  }

  /** The facade versions negotiated at login. */
  get facadeVersions(): Record<string, number> {
    return this.#live().facades.toJSON();
  }

  /** Endpoints a reconnect will dial: the originals plus those from the latest login result. */
  get endpoints(): readonly string[] {
    return this.#endpoints;
  }

  get modelUUID(): string | undefined {
    return this.#options.modelUUID;
  }

  get isConnected(): boolean {
    return this.#session?.transport.isOpen ?? false;
  }

  hasFacade(facade: string): boolean {
    return this.#session?.facades.has(facade) ?? false;
  }

  version(facade: string): number {
    return this.#live().facades.version(facade);
  }

  serverMajor(): number {
    return Number.parseInt(this.serverVersion.split('.')[0] ?? '', 10) || 3;
  }

  async invoke<P, R>(
    call: { facade: string; method: string; id?: string },
    params: P | undefined,
    paramsSchema: z.ZodType<P, unknown> | undefined,
    resultSchema: z.ZodType<R, unknown> | undefined,
    options?: FacadeCallOptions,
  ): Promise<Reply<R>> {
    const session = this.#session;
    if (!session?.transport.isOpen) {
      throw new JujuConnectionClosedError(
        `cannot send ${call.facade}.${call.method}: the connection is ${this.#closed ? 'closed' : 'down (reconnecting)'}`,
      );
    }
    const version = session.facades.version(call.facade);
    const wire = paramsSchema ? encode(paramsSchema, params, call.facade, call.method) : params;
    const spec = { type: call.facade, version, request: call.method, params: wire };
    const frame = call.id === undefined ? spec : { ...spec, id: call.id };
    const { requestId, response } = await retryTryAgain(
      () => this.#live().transport.request(frame, options),
      this.#options.tryAgain,
      options?.signal,
    );
    const value = resultSchema ? decode(resultSchema, response, call.facade, call.method) : (undefined as R);
    return { requestId, value };
  }

  /** Deploys a bundle (plus overlays) through Bundle.GetChangesMapArgs; see {@link deployBundle}. */
  deployBundle(yaml: string, options?: DeployBundleOptions): Promise<DeployBundleResult> {
    return deployBundle(this, yaml, options);
  }

  /** Watches this model: typed deltas (AllWatcher on 3.x, FullStatus polling on 4.x) and `waitFor`. */
  watchModel(options?: WatchModelOptions): ModelWatcher {
    return new ModelWatcher(this, options);
  }

  /** Closes the connection; pending calls are rejected with JujuConnectionClosedError. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    await this.#session?.transport.close();
    this.#releaseSecret();
    this.emit('close');
  }

  async #establish(): Promise<void> {
    const options = this.#options;
    const path = options.modelUUID ? `/model/${options.modelUUID}/api` : '/api';
    const socket = await dialFirst(this.#endpoints, {
      caCert: this.#caCert,
      publicHostname: options.publicHostname,
      path,
      handshakeTimeoutMs: options.dialTimeoutMs,
      maxPayload: options.maxPayload,
    });
    const transport = new RpcTransport(socket, options);
    transport.on('error', (error) => this.#report(error));
    try {
      const loginResult = await login(transport, {
        user: options.user,
        password: this.#password,
        clientVersion: options.clientVersion,
        timeoutMs: options.loginTimeoutMs ?? 30_000,
      });
      const facades = new FacadeVersions(loginResult.facades ?? []);
      this.#session = { transport, loginResult, facades };
      this.#refreshEndpoints(loginResult.servers ?? []);
    } catch (error) {
      await transport.close();
      throw error;
    }
    transport.on('broken', (error) => this.emit('broken', error));
    transport.on('close', ({ code, byClient }) => {
      if (byClient || this.#closed) return;
      this.emit('disconnected', { code });
      this.#scheduleReconnect(1);
    });
    if (this.#session.facades.has('Pinger')) transport.startPinger((o) => this.pinger.ping(o));
  }

  #refreshEndpoints(servers: readonly (readonly w.HostPort[])[]): void {
    const scheme = this.#options.endpoints.find((e) => /^wss?:\/\//.test(e))?.match(/^wss?:\/\//)?.[0] ?? '';
    const fresh = serverEndpoints(servers).map((e) => `${scheme}${e}`);
    this.#endpoints = [...new Set([...this.#options.endpoints, ...fresh])];
  }

  #scheduleReconnect(attempt: number): void {
    const setting = this.#options.reconnect ?? true;
    const policy: ReconnectOptions = setting === true ? {} : setting === false ? { attempts: 0 } : setting;
    const attempts = policy.attempts ?? 5;
    if (this.#closed) return;
    if (attempt > attempts) {
      this.#closed = true;
      this.#releaseSecret();
      this.emit('close');
      return;
    }
    const delay = Math.min((policy.delayMs ?? 1_000) * 2 ** (attempt - 1), 30_000);
    this.#reconnectTimer = setTimeout(async () => {
      try {
        await this.#establish();
        if (this.#closed) {
          await this.#session?.transport.close();
          return;
        }
        this.emit('reconnected', { attempt });
      } catch (error) {
        this.#report(error as JujuError);
        this.#scheduleReconnect(attempt + 1);
      }
    }, delay);
  }

  #live(): Session {
    if (!this.#session) throw new JujuConnectionClosedError('the client is not connected');
    return this.#session;
  }

  #report(error: JujuError): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

function encode<P>(schema: z.ZodType<P, unknown>, params: unknown, facade: string, method: string): P {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new JujuValidationError(facade, method, parsed.error.issues, 'params');
  return parsed.data;
}

export interface ConnectFromJujuDataOptions
  extends Omit<JujuConnectOptions, 'endpoints' | 'caCert' | 'user' | 'password' | 'modelUUID'> {
  /** Controller name in controllers.yaml (default: JUJU_CONTROLLER, then current-controller). */
  controller?: string;
  /** `owner/name`, a bare name (qualified with the account user) or a UUID (default: JUJU_MODEL, then current-model). */
  model?: string;
  /** Environment to read (default process.env); JUJU_DATA and the terraform variables are read from it. */
  env?: NodeJS.ProcessEnv;
  /** Log into the controller only, ignoring any current model. */
  controllerOnly?: boolean;
}

/**
 * Connects with what the Juju CLI stored (controllers.yaml, accounts.yaml, models.yaml) or with the
 * terraform provider's variables. A model known only by name is looked up with ModelManager.ListModels.
 */
export async function connectFromJujuData(options: ConnectFromJujuDataOptions = {}): Promise<JujuClient> {
  const { controller, model, env, controllerOnly, ...rest } = options;
  const resolved = resolveJujuConfig({
    ...(controller === undefined ? {} : { controller }),
    ...(model === undefined ? {} : { model }),
    ...(env === undefined ? {} : { env }),
  });
  const base: JujuConnectOptions = {
    ...rest,
    endpoints: resolved.endpoints,
    user: resolved.user,
    password: resolved.password,
  };
  if (resolved.caCert !== undefined) base.caCert = resolved.caCert;
  if (resolved.publicHostname !== undefined) base.publicHostname = resolved.publicHostname;
  if (controllerOnly) return JujuClient.connect(base);
  if (resolved.modelUUID !== undefined) return JujuClient.connect({ ...base, modelUUID: resolved.modelUUID });
  const controllerClient = await JujuClient.connect(base);
  if (resolved.modelName === undefined) return controllerClient;
  try {
    const models = await controllerClient.modelManager.listModels(resolved.user);
    const [owner, name] = resolved.modelName.split('/');
    const found = models.find(
      (m) =>
        m.model.name === name &&
        (!owner || m.model['owner-tag'] === `user-${owner}` || m.model.qualifier === owner),
    );
    if (!found) {
      throw new JujuConfigError(
        `model "${resolved.modelName}" not found on controller "${resolved.controller}" (known: ${models.map((m) => m.model.name).join(', ') || 'none'})`,
      );
    }
    return await controllerClient.connectModel(found.model.uuid);
  } finally {
    await controllerClient.close();
  }
}
