import type { MaasTransport } from '../http/transport.js';

/** Resources only keep the transport; each method is one call with a path, params and a schema. */
export abstract class Resource {
  protected readonly http: MaasTransport;
  constructor(http: MaasTransport) {
    this.http = http;
  }
}
