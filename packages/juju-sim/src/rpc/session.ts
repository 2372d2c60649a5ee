import type { WebSocket } from 'ws';
import type { Controller } from '../controller.js';
import { DISPATCH } from '../facades/index.js';
import type { CallContext, FacadeMethod } from '../facades/types.js';
import { isMutating } from '../stats.js';
import { callNotImplemented, notSupported, RpcError, tryAgain } from './errors.js';
import { facadeOffer, type RootKind } from './facade-versions.js';
import { asObject } from './params.js';

export interface SessionOptions {
  loginTimeoutMs: number;
  /** The address and port clients reach this controller on (LoginResult `servers`). */
  serverAddress: { host: string; port: number };
}

interface RequestFrame {
  requestId: number;
  type: string;
  version: number;
  id: string;
  request: string;
  params: Record<string, unknown>;
}

/** Thrown to drop the connection without replying (fault injection). */
class DropConnection extends Error {}

/**
 * One API connection: Juju's JSON-RPC codec over a WebSocket (one JSON object per text frame, replies
 * correlated by `request-id`, possibly out of order). Before login only Admin answers.
 */
export class Session {
  user: string | undefined;
  readonly root: RootKind;
  private loginTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Per-connection state facades keep (AllWatcher ids, as Juju's watcher registry is per connection). */
  readonly resources = new Map<string, unknown>();
  private nextResource = 0;
  readonly serverAddress: { host: string; port: number };

  constructor(
    private readonly ws: WebSocket,
    readonly controller: Controller,
    readonly modelUUID: string | undefined,
    options: SessionOptions,
  ) {
    this.root = modelUUID === undefined ? 'controller' : 'model';
    this.serverAddress = options.serverAddress;
    controller.stats.connections++;
    controller.stats.openConnections++;
    // Juju closes sockets that have not logged in within a minute (juju-dashboard issue 47).
    this.loginTimer = setTimeout(() => this.close(), options.loginTimeoutMs);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return this.close();
      void this.handle(data.toString());
    });
    ws.on('close', () => this.onClosed());
    ws.on('error', () => this.onClosed());
  }

  get loggedIn(): boolean {
    return this.user !== undefined;
  }

  markLoggedIn(user: string): void {
    this.user = user;
    clearTimeout(this.loginTimer);
    this.loginTimer = undefined;
  }

  addResource(value: unknown): string {
    const id = String(++this.nextResource);
    this.resources.set(id, value);
    return id;
  }

  close(): void {
    if (this.closed) return;
    this.ws.close();
    this.onClosed();
  }

  /** Drops the TCP connection abruptly, as a network fault would. */
  drop(): void {
    this.controller.stats.faults.droppedConnections++;
    this.ws.terminate();
    this.onClosed();
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.loginTimer);
    this.controller.stats.openConnections--;
    for (const resource of this.resources.values()) {
      (resource as { stop?: () => void }).stop?.();
    }
    this.resources.clear();
  }

  private send(frame: Record<string, unknown>): void {
    if (this.closed) return;
    this.ws.send(JSON.stringify(frame));
  }

  private parse(raw: string): RequestFrame | RpcError {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return new RpcError('cannot decode request: invalid JSON', 'bad request');
    }
    const frame = asObject(value, 'frame');
    const requestId = frame['request-id'];
    if (typeof requestId !== 'number' || !Number.isInteger(requestId) || requestId < 1) {
      return new RpcError(
        'request-id must be a positive integer (version 0 requests are not supported)',
        'bad request',
      );
    }
    const type = frame.type;
    const request = frame.request;
    if (typeof type !== 'string' || typeof request !== 'string') {
      return new RpcError('type and request must be strings', 'bad request');
    }
    const version = typeof frame.version === 'number' ? frame.version : 0;
    return {
      requestId,
      type,
      version,
      id: typeof frame.id === 'string' ? frame.id : '',
      request,
      params: asObject(frame.params, 'params'),
    };
  }

  async handle(raw: string): Promise<void> {
    const stats = this.controller.stats;
    let frame: RequestFrame | RpcError;
    try {
      frame = this.parse(raw);
    } catch (error) {
      frame = error instanceof RpcError ? error : new RpcError(String(error), 'bad request');
    }
    if (frame instanceof RpcError) {
      stats.errors++;
      let requestId = 0;
      try {
        const id = (JSON.parse(raw) as Record<string, unknown>)['request-id'];
        if (typeof id === 'number') requestId = id;
      } catch {}
      this.send({ 'request-id': requestId, error: frame.message, 'error-code': frame.code, response: {} });
      return;
    }
    stats.requests++;
    const key = `${frame.type}.${frame.request}`;
    stats.byMethod[key] = (stats.byMethod[key] ?? 0) + 1;
    // Counted as attempted, success or not, so a dry run can prove it asked for no change at all.
    if (this.loggedIn && isMutating(frame.type, frame.request)) stats.mutatingRequests++;
    try {
      const result = await this.dispatch(frame);
      await this.faultDelay(frame);
      this.send({ 'request-id': frame.requestId, response: result ?? {} });
    } catch (error) {
      if (error instanceof DropConnection) return this.drop();
      stats.errors++;
      if (!(error instanceof RpcError)) stats.internalErrors++;
      const rpc =
        error instanceof RpcError
          ? error
          : new RpcError(error instanceof Error ? error.message : String(error));
      await this.faultDelay(frame);
      this.send({
        'request-id': frame.requestId,
        error: rpc.message,
        ...(rpc.code ? { 'error-code': rpc.code } : {}),
        ...(rpc.info ? { 'error-info': rpc.info } : {}),
        response: {},
      });
    }
  }

  private subjectToFaults(frame: RequestFrame): boolean {
    return this.loggedIn && frame.type !== 'Admin';
  }

  private async faultDelay(frame: RequestFrame): Promise<void> {
    const delay = this.controller.faults.replyDelayMs ?? 0;
    if (delay > 0 && this.subjectToFaults(frame)) {
      this.controller.stats.faults.delayedReplies++;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /**
   * Finds the method a frame names, with the errors Juju's apiserver gives (apiserver/root.go): before
   * login only Admin v3 (adminRoot.FindMethod, which looks the method up at version 0); after login the
   * root's facade restriction first (restrict_controller.go / restrict_model.go), then the facade at
   * that version, then the method (apiRoot.lookupMethod -> rpcreflect.CallNotImplementedError).
   */
  private findMethod(frame: RequestFrame): FacadeMethod {
    const { jujuVersion } = this.controller.config;
    if (!this.loggedIn) {
      if (frame.type !== 'Admin') throw callNotImplemented(frame.type, frame.version);
      if (frame.version !== 3) {
        throw new RpcError('this version of Juju does not support login from old clients', 'not supported');
      }
      const admin = DISPATCH.find('Admin', 3, frame.request);
      if (!admin) throw callNotImplemented('Admin', 0, frame.request);
      return admin;
    }
    const offer = facadeOffer(jujuVersion, frame.type);
    if (offer ? offer.where !== 'both' && offer.where !== this.root : this.root === 'controller') {
      throw notSupported(
        `facade ${JSON.stringify(frame.type)} not supported for ${this.root} API connection`,
      );
    }
    if (!offer?.versions.includes(frame.version)) throw callNotImplemented(frame.type, frame.version);
    const method = DISPATCH.find(frame.type, frame.version, frame.request);
    if (!method) throw callNotImplemented(frame.type, frame.version, frame.request);
    return method;
  }

  private async dispatch(frame: RequestFrame): Promise<unknown> {
    const { controller } = this;
    const method = this.findMethod(frame);
    if (this.subjectToFaults(frame)) {
      const random = controller.config.random;
      if (random() < (controller.faults.dropConnectionRate ?? 0)) throw new DropConnection();
      if (random() < (controller.faults.tryAgainRate ?? 0)) {
        controller.stats.faults.tryAgainErrors++;
        throw tryAgain();
      }
    }
    const ctx: CallContext = {
      controller,
      session: this,
      version: frame.version,
      id: frame.id,
      model: () => controller.getModel(this.modelUUID ?? controller.controllerModelUUID),
    };
    return await method(ctx, frame.params);
  }
}
