import * as z from 'zod';
import {
  DomainSchema,
  IncompleteRefSchema,
  loose,
  openEnum,
  ResourcePoolSchema,
  resourceUri,
  ZoneSchema,
} from './common.js';
import { BlockDeviceSchema, InterfaceSchema } from './node-parts.js';
import { PowerStates } from './status.js';

const nullableString = z.string().nullable();

/** Fields every node type (machine, device, controller) shares. */
export const NodeSchema = loose({
  system_id: z.string(),
  hostname: z.string(),
  fqdn: z.string().optional(),
  description: z.string().optional(),
  domain: DomainSchema.optional(),
  /** 0 machine, 1 device, 2 rack controller, 3 region controller, 4 region+rack. */
  node_type: z.number(),
  node_type_name: z.string(),
  zone: ZoneSchema.optional(),
  tag_names: z.array(z.string()).optional(),
  ip_addresses: z.array(z.string()).optional(),
  owner: nullableString.optional(),
  resource_uri: resourceUri,
});
export interface Node extends z.infer<typeof NodeSchema> {}

/** Region/rack controllers: nodes with versions and services. */
export const ControllerSchema = NodeSchema.extend({
  version: z.string().nullable().optional(),
  architecture: nullableString.optional(),
  cpu_count: z.number().optional(),
  /** MiB. */
  memory: z.number().optional(),
  service_set: z.array(loose({ name: z.string(), status: z.string() })).optional(),
});
export interface Controller extends z.infer<typeof ControllerSchema> {}

export const PodRefSchema = loose({ id: z.number(), name: z.string(), resource_uri: resourceUri });

/**
 * A machine as MAAS serialises it (DISPLAYED_MACHINE_FIELDS). Units: `memory` MiB, `storage` MB (10^6 bytes,
 * a float — see `machineStorageBytes`), `cpu_speed` MHz, `swap_size` bytes.
 */
export const MachineSchema = loose({
  system_id: z.string(),
  hostname: z.string(),
  fqdn: z.string(),
  description: z.string().optional(),
  domain: DomainSchema,
  status: z.number(),
  status_name: z.string(),
  status_message: nullableString.optional(),
  status_action: nullableString.optional(),
  owner: nullableString.optional(),
  owner_data: z.record(z.string(), z.string()).optional(),
  workload_annotations: z.record(z.string(), z.string()).optional(),
  architecture: nullableString,
  cpu_count: z.number(),
  cpu_speed: z.number(),
  /** MiB. */
  memory: z.number(),
  /** Bytes, or null when unset. */
  swap_size: z.number().nullable().optional(),
  /** MB (10^6 bytes), float: sum of physical block devices. */
  storage: z.number(),
  osystem: z.string(),
  distro_series: z.string(),
  hwe_kernel: nullableString.optional(),
  min_hwe_kernel: nullableString.optional(),
  power_type: z.string(),
  power_state: openEnum(PowerStates),
  zone: ZoneSchema,
  pool: ResourcePoolSchema.nullable().optional(),
  tag_names: z.array(z.string()),
  ip_addresses: z.array(z.string()),
  pod: PodRefSchema.nullable().optional(),
  virtualmachine_id: z.number().nullable().optional(),
  node_type: z.number(),
  node_type_name: z.string(),
  locked: z.boolean().optional(),
  netboot: z.boolean().optional(),
  interface_set: z.array(InterfaceSchema).optional(),
  boot_interface: InterfaceSchema.nullable().optional(),
  blockdevice_set: z.array(BlockDeviceSchema).optional(),
  physicalblockdevice_set: z.array(BlockDeviceSchema).optional(),
  virtualblockdevice_set: z.array(BlockDeviceSchema).optional(),
  boot_disk: BlockDeviceSchema.nullable().optional(),
  volume_groups: z.array(IncompleteRefSchema).optional(),
  raids: z.array(IncompleteRefSchema).optional(),
  bcaches: z.array(IncompleteRefSchema).optional(),
  cache_sets: z.array(IncompleteRefSchema).optional(),
  numanode_set: z
    .array(loose({ index: z.number(), cores: z.array(z.number()), /** MiB. */ memory: z.number() }))
    .optional(),
  hardware_info: z.record(z.string(), z.unknown()).optional(),
  commissioning_status: z.number().optional(),
  testing_status: z.number().optional(),
  current_commissioning_result_id: z.number().nullable().optional(),
  current_testing_result_id: z.number().nullable().optional(),
  current_installation_result_id: z.number().nullable().optional(),
  hardware_uuid: nullableString.optional(),
  is_dpu: z.boolean().optional(),
  resource_uri: resourceUri,
});
export interface Machine extends z.infer<typeof MachineSchema> {}

/** `POST /machines/?op=allocate` answers a machine plus, for some versions, the matched constraints. */
export const AllocatedMachineSchema = MachineSchema.extend({
  constraints_by_type: z.record(z.string(), z.unknown()).optional(),
});
export interface AllocatedMachine extends z.infer<typeof AllocatedMachineSchema> {}

export const PowerStateSchema = loose({ state: openEnum(PowerStates) });
export interface PowerStateResult extends z.infer<typeof PowerStateSchema> {}
