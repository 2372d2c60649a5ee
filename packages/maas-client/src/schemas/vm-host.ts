import * as z from 'zod';
import { loose, openEnum, ResourcePoolSchema, resourceUri, ZoneSchema } from './common.js';

/** `memory` MiB, `local_storage` bytes (docs/maas-api.md §4.3). Counts may be 0 or negative before a refresh. */
export const VmHostResourcesSchema = loose({
  cores: z.number(),
  /** MiB. */
  memory: z.number(),
  /** Bytes. */
  local_storage: z.number(),
});
export interface VmHostResources extends z.infer<typeof VmHostResourcesSchema> {}

export const VmHostStoragePoolSchema = loose({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  path: z.string(),
  /** Bytes. */
  total: z.number(),
  /** Bytes. */
  used: z.number(),
  /** Bytes. */
  available: z.number(),
  default: z.boolean(),
});
export interface VmHostStoragePool extends z.infer<typeof VmHostStoragePoolSchema> {}

export const VmHostCapabilities = [
  'composable',
  'dynamic_local_storage',
  'over_commit',
  'storage_pools',
] as const;

export const VmHostSchema = loose({
  id: z.number(),
  name: z.string(),
  type: openEnum(['lxd', 'virsh'] as const),
  version: z.string().optional(),
  architectures: z.array(z.string()),
  capabilities: z.array(openEnum(VmHostCapabilities)),
  tags: z.array(z.string()),
  zone: ZoneSchema,
  pool: ResourcePoolSchema,
  host: loose({ system_id: z.string().nullable() }).nullable(),
  cpu_over_commit_ratio: z.number(),
  memory_over_commit_ratio: z.number(),
  default_macvlan_mode: z.string().nullable().optional(),
  storage_pools: z.array(VmHostStoragePoolSchema),
  total: VmHostResourcesSchema,
  used: VmHostResourcesSchema,
  /** `total - used` with NO over-commit applied (MAAS computes it that way). */
  available: VmHostResourcesSchema,
  resource_uri: resourceUri,
});
export interface VmHost extends z.infer<typeof VmHostSchema> {}

export const ComposedMachineSchema = loose({ system_id: z.string(), resource_uri: resourceUri });
export interface ComposedMachine extends z.infer<typeof ComposedMachineSchema> {}

/** Power parameters of a VM host; contains secrets (`power_pass`, `password`, `key`) — never log it. */
export const VmHostParametersSchema = z.record(z.string(), z.unknown());
export interface VmHostParameters extends z.infer<typeof VmHostParametersSchema> {}

/**
 * A row of the hidden `GET /virtual-machines/` (MAAS 3.0+): every VM on every host, including VMs in other
 * LXD projects that MAAS does not count as `used` — the only REST view of that "allocated elsewhere" load.
 */
export const VirtualMachineSchema = loose({
  id: z.number(),
  identifier: z.string(),
  project: z.string(),
  pinned_cores: z.array(z.number()),
  unpinned_cores: z.number(),
  /** MiB. */
  memory: z.number(),
  hugepages_backed: z.boolean(),
  /** MAAS machine id, or null for VMs MAAS did not compose. */
  machine_id: z.number().nullable(),
  /** The VM host's id. */
  bmc_id: z.number(),
});
export interface VirtualMachine extends z.infer<typeof VirtualMachineSchema> {}
