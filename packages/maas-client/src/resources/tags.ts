import { apiPath } from '../http/encode.js';
import type { RequestOptions } from '../http/request-options.js';
import type { MaasTransport } from '../http/transport.js';
import { listOf } from '../schemas/common.js';
import { type Machine, MachineSchema } from '../schemas/machine.js';
import { TagSchema, type TagUpdateNodesResult, TagUpdateNodesResultSchema } from '../schemas/misc.js';
import { CrudResource } from './crud.js';
import { ListPromise } from './list-promise.js';

export interface TagParams {
  name: string;
  comment?: string | undefined;
  /** XPath over commissioning data; machines matching it get the tag automatically. */
  definition?: string | undefined;
  kernel_opts?: string | undefined;
}

export class Tags extends CrudResource<typeof TagSchema, string, TagParams, Partial<TagParams>> {
  constructor(http: MaasTransport) {
    super(http, { schema: TagSchema, collection: 'tags/', item: (name) => apiPath`tags/${name}/` });
  }

  machines(name: string, options?: RequestOptions): ListPromise<Machine> {
    const request = { method: 'GET' as const, path: apiPath`tags/${name}/`, op: 'machines' };
    return ListPromise.from(() => this.http.json(listOf(MachineSchema), request, options));
  }

  /** Adds/removes the tag on nodes by system_id (manual tags only). */
  async updateNodes(
    name: string,
    change: { add?: readonly string[]; remove?: readonly string[] },
    options?: RequestOptions,
  ): Promise<TagUpdateNodesResult> {
    const request = {
      method: 'POST' as const,
      path: apiPath`tags/${name}/`,
      op: 'update_nodes',
      body: { ...change },
    };
    return this.http.json(TagUpdateNodesResultSchema, request, options);
  }

  async rebuild(name: string, options?: RequestOptions): Promise<void> {
    return this.http.empty({ method: 'POST', path: apiPath`tags/${name}/`, op: 'rebuild' }, options);
  }
}
