import * as z from 'zod';
import { loose, resourceUri } from './common.js';

export const VlanSchema = loose({
  id: z.number(),
  vid: z.number(),
  name: z.string().nullable(),
  mtu: z.number(),
  fabric: z.string().optional(),
  fabric_id: z.number(),
  dhcp_on: z.boolean(),
  external_dhcp: z.string().nullable().optional(),
  relay_vlan: z.unknown().optional(),
  primary_rack: z.string().nullable().optional(),
  secondary_rack: z.string().nullable().optional(),
  space: z.string().nullable().optional(),
  resource_uri: resourceUri,
});
export interface Vlan extends z.infer<typeof VlanSchema> {}

export const FabricSchema = loose({
  id: z.number(),
  name: z.string(),
  class_type: z.string().nullable(),
  vlans: z.array(VlanSchema),
  resource_uri: resourceUri,
});
export interface Fabric extends z.infer<typeof FabricSchema> {}

export const SubnetSchema = loose({
  id: z.number(),
  name: z.string(),
  description: z.string().optional(),
  cidr: z.string(),
  vlan: VlanSchema,
  space: z.string().nullable().optional(),
  gateway_ip: z.string().nullable(),
  dns_servers: z.array(z.string()),
  /** 0 disabled, 1 enabled, 2 RFC 2317. */
  rdns_mode: z.number(),
  active_discovery: z.boolean(),
  allow_dns: z.boolean().optional(),
  allow_proxy: z.boolean(),
  managed: z.boolean(),
  disabled_boot_architectures: z.array(z.string()).optional(),
  resource_uri: resourceUri,
});
export interface Subnet extends z.infer<typeof SubnetSchema> {}

export const SubnetStatisticsSchema = loose({
  num_available: z.number(),
  largest_available: z.number(),
  num_unavailable: z.number(),
  total_addresses: z.number(),
  usage: z.number(),
  usage_string: z.string(),
  available_string: z.string(),
  first_address: z.string(),
  last_address: z.string(),
  ip_version: z.number(),
});
export interface SubnetStatistics extends z.infer<typeof SubnetStatisticsSchema> {}

export const SubnetIpAddressSchema = loose({
  ip: z.string(),
  alloc_type: z.number(),
  created: z.string(),
  updated: z.string(),
  node_summary: loose({ system_id: z.string(), hostname: z.string() }).optional(),
  user: z.string().optional(),
});
export interface SubnetIpAddress extends z.infer<typeof SubnetIpAddressSchema> {}

export const IpRangeSummarySchema = loose({
  start: z.string(),
  end: z.string(),
  num_addresses: z.number(),
  purpose: z.array(z.string()).optional(),
});
export interface IpRangeSummary extends z.infer<typeof IpRangeSummarySchema> {}

export const IpRangeSchema = loose({
  id: z.number(),
  type: z.string(),
  start_ip: z.string(),
  end_ip: z.string(),
  comment: z.string(),
  subnet: SubnetSchema,
  user: loose({ username: z.string() }).nullable().optional(),
  resource_uri: resourceUri,
});
export interface IpRange extends z.infer<typeof IpRangeSchema> {}

export const ReservedIpSchema = loose({
  id: z.number(),
  ip: z.string(),
  mac_address: z.string().nullable(),
  comment: z.string(),
  subnet: SubnetSchema,
  resource_uri: resourceUri,
});
export interface ReservedIp extends z.infer<typeof ReservedIpSchema> {}

export const SpaceSchema = loose({
  id: z.number(),
  name: z.string(),
  description: z.string().optional(),
  vlans: z.array(VlanSchema),
  subnets: z.array(SubnetSchema),
  resource_uri: resourceUri,
});
export interface Space extends z.infer<typeof SpaceSchema> {}
