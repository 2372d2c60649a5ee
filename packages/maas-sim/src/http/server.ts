import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createToken } from '../api/account.js';
import { apiHash } from '../api/meta.js';
import { buildRoutes } from '../api/routes.js';
import { ApiError, gone, notFound } from '../errors.js';
import type { FaultDecision, FaultInjector } from '../faults.js';
import type { SimContext } from '../sim-context.js';
import type { UserRec } from '../state/model.js';
import { API_PREFIX, hasVmHosts, VM_HOSTS_GONE } from '../version.js';
import { handleControl, SIM_CONTROL_PREFIX } from './control.js';
import { NonceStore, parseOAuthHeader, verifyOAuth } from './oauth.js';
import { Params, parseForm, readBody } from './params.js';
import { type CompiledRoute, matchPath, type Reply } from './router.js';

export interface RequestStats {
  /** Every HTTP request received. */
  requests: number;
  /** Requests under /MAAS/api/ and /MAAS/accounts/. */
  apiRequests: number;
  /** Non-GET API calls: a dry run must leave this at 0. */
  mutating: number;
  byMethod: Record<string, number>;
  /** `METHOD /path/ op` → count, for asserting exactly which calls a client made. */
  byOperation: Record<string, number>;
  faultsInjected: number;
}

interface Outcome {
  status: number;
  body: Buffer;
  contentType: string;
  headers: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

const text = (status: number, body: string, headers: Record<string, string> = {}): Outcome => ({
  status,
  body: Buffer.from(body),
  contentType: TEXT_TYPE,
  headers,
});

function fromReply(reply: Reply): Outcome {
  const status = reply.status ?? 200;
  if (reply.raw) return { status, body: reply.raw, contentType: JSON_TYPE, headers: {} };
  if (reply.text !== undefined) return text(status, reply.text);
  return {
    status,
    body: Buffer.from(JSON.stringify(reply.json ?? null)),
    contentType: JSON_TYPE,
    headers: {},
  };
}

function fromError(error: ApiError): Outcome {
  if (typeof error.body === 'string') return text(error.status, error.body, error.headers);
  return {
    status: error.status,
    body: Buffer.from(JSON.stringify(error.body)),
    contentType: JSON_TYPE,
    headers: error.headers,
  };
}

// Close the connection: the client may still be sending a body the simulator will not read.
const forbiddenUnsigned = () =>
  new ApiError(401, 'Forbidden', { 'WWW-Authenticate': 'OAuth realm="MAAS API"', Connection: 'close' });

/** The HTTP face of the simulator: MAAS's URL layout, auth, op dispatch, faults and accounting. */
export class MaasHttpServer {
  readonly server: Server;
  readonly stats: RequestStats = {
    requests: 0,
    apiRequests: 0,
    mutating: 0,
    byMethod: {},
    byOperation: {},
    faultsInjected: 0,
  };
  private readonly routes: CompiledRoute[];
  private readonly hash: string;
  private readonly nonces = new NonceStore();
  private origin = 'http://127.0.0.1';

  constructor(
    private readonly sim: SimContext,
    private readonly faults: FaultInjector,
  ) {
    this.routes = buildRoutes(() => this.origin);
    this.hash = apiHash(this.routes);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.send(res, text(500, error instanceof Error ? error.message : String(error)));
      });
    });
    // 200 concurrent clients must not be turned away by keep-alive housekeeping.
    this.server.keepAliveTimeout = 30_000;
  }

  setOrigin(origin: string): void {
    this.origin = origin;
  }

  private send(res: ServerResponse, out: Outcome): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(out.status, {
      'Content-Type': out.contentType,
      'Content-Length': out.body.length,
      'X-MAAS-API-Hash': this.hash,
      ...out.headers,
    });
    res.end(out.body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://maas-sim.invalid');
    this.stats.requests++;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    const pathname = url.pathname;
    if (pathname.startsWith('/MAAS/api/') || pathname.startsWith('/MAAS/accounts/')) {
      this.stats.apiRequests++;
      if (method !== 'GET' && method !== 'HEAD') this.stats.mutating++;
    }
    try {
      if (pathname === '/MAAS/api/version/') return this.send(res, text(200, '2.0'));
      if (pathname.startsWith('/MAAS/api/1.0/')) {
        return this.send(res, text(410, 'The 1.0 API is no longer available. Please use API version 2.0.'));
      }
      if (pathname.startsWith(SIM_CONTROL_PREFIX)) {
        const reply = handleControl(this.sim, method, pathname);
        return this.send(
          res,
          reply.json === undefined
            ? text(reply.status, reply.text ?? '', reply.headers)
            : {
                status: reply.status,
                body: Buffer.from(JSON.stringify(reply.json)),
                contentType: JSON_TYPE,
                headers: {},
              },
        );
      }
      if (pathname === '/MAAS/accounts/authenticate/')
        return this.send(res, await this.authenticate(req, method));
      if (!pathname.startsWith(`${API_PREFIX}/`)) return this.send(res, text(404, 'Not Found'));
      await this.handleApi(req, res, method, url);
    } catch (error) {
      if (error instanceof ApiError) return this.send(res, fromError(error));
      throw error;
    }
  }

  /**
   * An API call in the order that keeps an unauthenticated client cheap: route by path, authenticate
   * from the headers alone, and only then read (bounded) and parse the body. The op may still come
   * from the body (piston reads `op` from POST data too).
   */
  private async handleApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL) {
    const pathname = url.pathname;
    let rel = pathname.slice(API_PREFIX.length);
    // 3.3+: `/machines/op-allocate` is the same call as `/machines/?op=allocate`.
    let op: string | null = null;
    const opPath = /^(.*\/)op-([\w-]+)\/?$/.exec(rel);
    if (opPath) {
      rel = opPath[1] ?? rel;
      op = opPath[2] ?? null;
    }
    // Every MAAS route ends in a slash; the catch-all answers 404 rather than redirecting.
    const match = rel.endsWith('/') ? matchPath(this.routes, rel) : null;
    if (!match) throw notFound(`Unknown API endpoint: ${pathname}.`);
    if (match.routes.some((r) => r.vmHost) && !hasVmHosts(this.sim.version)) throw gone(VM_HOSTS_GONE);
    const candidates = match.routes.filter((r) => r.method === method);
    const user = this.authenticateRequest(
      req,
      candidates.some((r) => r.anonymous === true),
    );

    const body = await readBody(req);
    const form =
      method === 'POST' || method === 'PUT' ? await parseForm(req.headers['content-type'], body) : null;
    const params = form ?? Params.fromSearch(url.searchParams);
    op ??= url.searchParams.get('op') ?? form?.get('op') ?? null;
    const opKey = `${method} ${rel} ${op ?? ''}`.trim();
    this.stats.byOperation[opKey] = (this.stats.byOperation[opKey] ?? 0) + 1;
    const route = candidates.find((r) => r.op === op);
    if (!user && route?.anonymous !== true) throw forbiddenUnsigned();

    const fault = this.faults.decide(method, rel, op);
    if (fault) {
      this.stats.faultsInjected = this.faults.injected;
      if (fault.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      else if (fault.kind !== 'truncate') return this.send(res, this.faultOutcome(fault));
    }

    const out = await this.run(route, method, rel, op, params, url.searchParams, match.pathParams, user);
    if (fault?.kind === 'truncate') {
      res.writeHead(out.status, {
        'Content-Type': out.contentType,
        'Content-Length': out.body.length,
        'X-MAAS-API-Hash': this.hash,
      });
      // Close only once the first half is flushed, so the client sees headers, some bytes, then EOF.
      res.write(out.body.subarray(0, Math.floor(out.body.length / 2)), () => res.destroy());
      return;
    }
    this.send(res, out);
  }

  private faultOutcome({ kind, retryAfterSeconds }: FaultDecision): Outcome {
    switch (kind) {
      case 'conflict-retry':
        return text(
          409,
          'Unable to complete the request due to a database serialization conflict; try again.',
          { 'Retry-After': String(retryAfterSeconds ?? 5) },
        );
      case 'conflict':
        return text(409, 'Node is locked by another operation.');
      case 'unavailable-retry':
        return text(503, 'Unable to connect to any rack controller; no connections available.', {
          'Retry-After': String(retryAfterSeconds ?? 10),
        });
      case 'unavailable':
        return text(503, 'Failed talking to the BMC: connection timed out.');
      default:
        return text(500, 'Internal server error (injected fault).');
    }
  }

  private async run(
    route: CompiledRoute | undefined,
    method: string,
    rel: string,
    op: string | null,
    params: Params,
    query: URLSearchParams,
    pathParams: Record<string, string>,
    user: UserRec | null,
  ): Promise<Outcome> {
    if (!route) return text(400, `Unrecognised signature: method=${method} op=${op ?? 'None'}`);
    try {
      const reply = await route.run({
        sim: this.sim,
        method,
        params,
        query,
        pathParams,
        path: rel,
        user: user ?? { username: 'anonymous', email: '', isSuperuser: false, password: '' },
      });
      return fromReply(reply);
    } catch (error) {
      if (error instanceof ApiError) return fromError(error);
      throw error;
    }
  }

  /** OAuth 1.0 PLAINTEXT; an unsigned call to an authenticated endpoint gets piston's 401 "Forbidden". */
  private authenticateRequest(req: IncomingMessage, anonymousOk: boolean): UserRec | null {
    const header = req.headers.authorization;
    const params = header ? parseOAuthHeader(header) : null;
    if (!params) {
      if (anonymousOk) return null;
      throw forbiddenUnsigned();
    }
    const outcome = verifyOAuth(params, this.sim.state.tokens, this.nonces, Math.floor(Date.now() / 1000));
    if (!outcome.ok) {
      throw new ApiError(
        outcome.status,
        outcome.message,
        outcome.status === 401
          ? { 'WWW-Authenticate': 'OAuth realm="MAAS API"', Connection: 'close' }
          : { Connection: 'close' },
      );
    }
    const user = this.sim.state.user(outcome.token.username);
    if (!user) throw new ApiError(401, 'Authorization Error: Invalid API key.');
    return user;
  }

  /** `POST /MAAS/accounts/authenticate/`: username/password → the user's first token (or a new one). */
  private async authenticate(req: IncomingMessage, method: string): Promise<Outcome> {
    if (method !== 'POST') return text(405, '', { Allow: 'POST' });
    const form = await parseForm(req.headers['content-type'], await readBody(req));
    const { state } = this.sim;
    const user = state.user(form.get('username') ?? '');
    if (!user || user.password !== form.get('password')) return text(403, '');
    const consumer = form.get('consumer');
    const mine = state.data.tokens.filter((t) => t.username === user.username);
    const token =
      (consumer ? mine.find((t) => t.name === consumer) : mine[0]) ??
      createToken(state, user.username, consumer ?? 'Token');
    state.touch();
    return {
      status: 200,
      contentType: JSON_TYPE,
      headers: {},
      body: Buffer.from(
        JSON.stringify({
          consumer_key: token.consumerKey,
          name: token.name,
          token_key: token.tokenKey,
          token_secret: token.tokenSecret,
        }),
      ),
    };
  }
}
