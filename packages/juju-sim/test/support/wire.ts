import { type ClientOptions, WebSocket } from 'ws';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary wire JSON; the schema tests check its shape.
export type Wire = Record<string, any>;

export interface Reply {
  'request-id': number;
  response?: Record<string, unknown>;
  error?: string;
  'error-code'?: string;
  'error-info'?: Record<string, unknown>;
}

/**
 * A bare Juju RPC client for tests: TLS pinned to the controller CA with server name `juju-apiserver`
 * (as the Go client verifies), one JSON frame per message, replies matched by request-id.
 */
export class WireClient {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  /** Every reply frame received, in arrival order (for schema checks). */
  readonly frames: { request: Record<string, unknown>; reply: Reply }[] = [];
  readonly closed: Promise<number>;
  /** Raw text of every frame received, including ones without a known request-id. */
  readonly raw: string[] = [];
  private rawListener: (() => void) | undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.raw.push(data.toString());
      this.rawListener?.();
      const reply = JSON.parse(data.toString()) as Reply;
      this.pending.get(reply['request-id'])?.(reply);
      this.pending.delete(reply['request-id']);
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }

  static connect(url: string, caCert: string): Promise<WireClient> {
    // ws hands these to tls.connect, which verifies the certificate against `servername`.
    const options = { ca: caCert, servername: 'juju-apiserver' } as ClientOptions;
    const ws = new WebSocket(url, options);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new WireClient(ws)));
      ws.once('error', reject);
    });
  }

  call(type: string, version: number, request: string, params: unknown = {}, id?: string): Promise<Reply> {
    const requestId = this.nextId++;
    const frame: Record<string, unknown> = { 'request-id': requestId, type, version, request, params };
    if (id !== undefined) frame.id = id;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, (reply) => {
        this.frames.push({ request: frame, reply });
        resolve(reply);
      });
      this.ws.send(JSON.stringify(frame), (error) => error && reject(error));
    });
  }

  /** Calls and returns the response, throwing with Juju's message and code on an error frame. */
  async ok(type: string, version: number, request: string, params: unknown = {}, id?: string) {
    const reply = await this.call(type, version, request, params, id);
    if (reply.error !== undefined)
      throw new Error(`${type}.${request}: ${reply.error} (${reply['error-code']})`);
    return reply.response as Wire;
  }

  login(user: string, password: string): Promise<Reply> {
    return this.call('Admin', 3, 'Login', {
      'auth-tag': `user-${user}`,
      credentials: password,
      nonce: '',
      macaroons: [],
      'user-data': '',
      'client-version': '3.6.14',
    });
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  /** Resolves once `count` raw frames have arrived. */
  waitForRaw(count: number): Promise<string[]> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.raw.length >= count) resolve(this.raw);
      };
      this.rawListener = check;
      check();
    });
  }

  close(): void {
    this.ws.close();
  }
}
