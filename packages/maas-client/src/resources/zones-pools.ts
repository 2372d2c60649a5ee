import { apiPath } from '../http/encode.js';
import type { MaasTransport } from '../http/transport.js';
import { ResourcePoolSchema, ZoneSchema } from '../schemas/common.js';
import { CrudResource } from './crud.js';

export interface NamedParams {
  name: string;
  description?: string | undefined;
}

/** Availability zones, addressed by name. */
export class Zones extends CrudResource<typeof ZoneSchema, string, NamedParams, Partial<NamedParams>> {
  constructor(http: MaasTransport) {
    super(http, { schema: ZoneSchema, collection: 'zones/', item: (name) => apiPath`zones/${name}/` });
  }
}

/** Resource pools, addressed by id or name; note the singular `resourcepool/` object path. */
export class ResourcePools extends CrudResource<
  typeof ResourcePoolSchema,
  number | string,
  NamedParams,
  Partial<NamedParams>
> {
  constructor(http: MaasTransport) {
    super(http, {
      schema: ResourcePoolSchema,
      collection: 'resourcepools/',
      item: (key) => apiPath`resourcepool/${key}/`,
    });
  }
}
