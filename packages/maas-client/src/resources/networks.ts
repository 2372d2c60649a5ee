import { apiPath } from '../http/encode.js';
import type { RequestOptions } from '../http/request-options.js';
import type { MaasTransport } from '../http/transport.js';
import { listOf } from '../schemas/common.js';
import {
  FabricSchema,
  type IpRangeSummary,
  IpRangeSummarySchema,
  SpaceSchema,
  type SubnetIpAddress,
  SubnetIpAddressSchema,
  SubnetSchema,
  type SubnetStatistics,
  SubnetStatisticsSchema,
  type Vlan,
  VlanSchema,
} from '../schemas/network.js';
import { CrudResource } from './crud.js';
import { ListPromise } from './list-promise.js';
import { Resource } from './resource.js';

export interface SubnetParams {
  cidr: string;
  name?: string | undefined;
  description?: string | undefined;
  /** VLAN id, or use fabric + vid. */
  vlan?: number | undefined;
  fabric?: number | string | undefined;
  vid?: number | undefined;
  space?: string | undefined;
  gateway_ip?: string | undefined;
  dns_servers?: string | undefined;
  rdns_mode?: 0 | 1 | 2 | undefined;
  allow_dns?: boolean | undefined;
  allow_proxy?: boolean | undefined;
  managed?: boolean | undefined;
  active_discovery?: boolean | undefined;
}

/** Subnets, addressed by id, CIDR or name. */
export class Subnets extends CrudResource<
  typeof SubnetSchema,
  number | string,
  SubnetParams,
  Partial<SubnetParams>
> {
  constructor(http: MaasTransport) {
    super(http, { schema: SubnetSchema, collection: 'subnets/', item: (key) => apiPath`subnets/${key}/` });
  }

  async statistics(
    key: number | string,
    params: { include_ranges?: boolean; include_suggestions?: boolean } = {},
    options?: RequestOptions,
  ): Promise<SubnetStatistics> {
    const request = {
      method: 'GET' as const,
      path: apiPath`subnets/${key}/`,
      op: 'statistics',
      query: { ...params },
    };
    return this.http.json(SubnetStatisticsSchema, request, options);
  }

  async ipAddresses(
    key: number | string,
    params: { with_username?: boolean; with_summary?: boolean } = {},
    options?: RequestOptions,
  ): Promise<SubnetIpAddress[]> {
    const request = {
      method: 'GET' as const,
      path: apiPath`subnets/${key}/`,
      op: 'ip_addresses',
      query: { ...params },
    };
    return this.http.json(listOf(SubnetIpAddressSchema), request, options);
  }

  async reservedIpRanges(key: number | string, options?: RequestOptions): Promise<IpRangeSummary[]> {
    const request = { method: 'GET' as const, path: apiPath`subnets/${key}/`, op: 'reserved_ip_ranges' };
    return this.http.json(listOf(IpRangeSummarySchema), request, options);
  }

  async unreservedIpRanges(key: number | string, options?: RequestOptions): Promise<IpRangeSummary[]> {
    const request = { method: 'GET' as const, path: apiPath`subnets/${key}/`, op: 'unreserved_ip_ranges' };
    return this.http.json(listOf(IpRangeSummarySchema), request, options);
  }
}

export interface FabricParams {
  name?: string | undefined;
  description?: string | undefined;
  class_type?: string | undefined;
}

export class Fabrics extends CrudResource<typeof FabricSchema, number | string, FabricParams, FabricParams> {
  constructor(http: MaasTransport) {
    super(http, { schema: FabricSchema, collection: 'fabrics/', item: (key) => apiPath`fabrics/${key}/` });
  }
}

export interface SpaceParams {
  name: string;
  description?: string | undefined;
}

export class Spaces extends CrudResource<
  typeof SpaceSchema,
  number | string,
  SpaceParams,
  Partial<SpaceParams>
> {
  constructor(http: MaasTransport) {
    super(http, { schema: SpaceSchema, collection: 'spaces/', item: (key) => apiPath`spaces/${key}/` });
  }
}

export interface VlanParams {
  vid: number;
  name?: string | undefined;
  description?: string | undefined;
  mtu?: number | undefined;
  space?: string | undefined;
  dhcp_on?: boolean | undefined;
  primary_rack?: string | undefined;
  secondary_rack?: string | undefined;
  relay_vlan?: number | undefined;
}

/** VLANs live under their fabric: `/fabrics/{fabric_id}/vlans/{vid}/`. */
export class Vlans extends Resource {
  list(fabricId: number, options?: RequestOptions): ListPromise<Vlan> {
    const request = { method: 'GET' as const, path: apiPath`fabrics/${fabricId}/vlans/` };
    return ListPromise.from(() => this.http.json(listOf(VlanSchema), request, options));
  }

  async read(fabricId: number, vid: number, options?: RequestOptions): Promise<Vlan> {
    return this.http.json(
      VlanSchema,
      { method: 'GET', path: apiPath`fabrics/${fabricId}/vlans/${vid}/` },
      options,
    );
  }

  async create(fabricId: number, params: VlanParams, options?: RequestOptions): Promise<Vlan> {
    const request = {
      method: 'POST' as const,
      path: apiPath`fabrics/${fabricId}/vlans/`,
      body: { ...params },
    };
    return this.http.json(VlanSchema, request, options);
  }

  async update(
    fabricId: number,
    vid: number,
    params: Partial<VlanParams>,
    options?: RequestOptions,
  ): Promise<Vlan> {
    const request = {
      method: 'PUT' as const,
      path: apiPath`fabrics/${fabricId}/vlans/${vid}/`,
      body: { ...params },
    };
    return this.http.json(VlanSchema, request, options);
  }

  async delete(fabricId: number, vid: number, options?: RequestOptions): Promise<void> {
    return this.http.empty({ method: 'DELETE', path: apiPath`fabrics/${fabricId}/vlans/${vid}/` }, options);
  }
}
