import * as z from 'zod';
import { loose, resourceUri } from './common.js';

/** Interface link; `subnet` is a whole subnet object in MAAS output, kept loose here. */
export const InterfaceLinkSchema = loose({
  id: z.number(),
  mode: z.string(),
  ip_address: z.string().optional(),
  subnet: loose({ id: z.number(), cidr: z.string() }).optional(),
});

export const InterfaceSchema = loose({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  mac_address: z.string().nullable(),
  enabled: z.boolean(),
  vlan: loose({ id: z.number(), vid: z.number() }).nullable(),
  links: z.array(InterfaceLinkSchema),
  tags: z.array(z.string()),
  parents: z.array(z.string()),
  children: z.array(z.string()),
  effective_mtu: z.number().optional(),
  link_speed: z.number().optional(),
  interface_speed: z.number().optional(),
  numa_node: z.number().nullable().optional(),
  system_id: z.string().optional(),
  resource_uri: resourceUri,
});
export interface Interface extends z.infer<typeof InterfaceSchema> {}

export const PartitionSchema = loose({
  id: z.number(),
  /** Bytes. */
  size: z.number(),
  path: z.string().optional(),
  type: z.string().optional(),
});

export const BlockDeviceSchema = loose({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  path: z.string(),
  id_path: z.string().nullable().optional(),
  /** Bytes. */
  size: z.number(),
  block_size: z.number(),
  model: z.string().nullable().optional(),
  serial: z.string().nullable().optional(),
  tags: z.array(z.string()),
  storage_pool: z.string().nullable().optional(),
  used_for: z.string(),
  /** Bytes. */
  used_size: z.number(),
  /** Bytes. */
  available_size: z.number(),
  partitions: z.array(PartitionSchema),
  filesystem: loose({}).nullable().optional(),
  numa_node: z.number().nullable().optional(),
  system_id: z.string().optional(),
  resource_uri: resourceUri,
});
export interface BlockDevice extends z.infer<typeof BlockDeviceSchema> {}

export const RaidSchema = loose({
  id: z.number(),
  name: z.string(),
  uuid: z.string(),
  level: z.string(),
  /** Bytes. */
  size: z.number(),
  devices: z.array(loose({ id: z.number() })),
  spare_devices: z.array(loose({ id: z.number() })),
  virtual_device: BlockDeviceSchema,
  system_id: z.string(),
  resource_uri: resourceUri,
});
export interface Raid extends z.infer<typeof RaidSchema> {}

export const VolumeGroupSchema = loose({
  id: z.number(),
  name: z.string(),
  uuid: z.string(),
  /** Bytes. */
  size: z.number(),
  used_size: z.number(),
  available_size: z.number(),
  devices: z.array(loose({ id: z.number() })),
  logical_volumes: z.array(loose({ id: z.number() })),
  system_id: z.string(),
  resource_uri: resourceUri,
});
export interface VolumeGroup extends z.infer<typeof VolumeGroupSchema> {}

/** GPUs, NICs, disks and other PCI/USB devices found at commissioning (`/nodes/{id}/devices/`, 2.9+). */
export const NodeDeviceSchema = loose({
  id: z.number(),
  /** 1 PCIe, 2 USB. */
  bus: z.number(),
  bus_name: z.string().optional(),
  /** 0 node, 1 cpu, 2 memory, 3 storage, 4 network, 5 gpu. */
  hardware_type: z.number(),
  hardware_type_name: z.string().optional(),
  system_id: z.string(),
  numa_node: z.number().nullable(),
  vendor_id: z.string(),
  product_id: z.string(),
  vendor_name: z.string(),
  product_name: z.string(),
  commissioning_driver: z.string(),
  bus_number: z.number(),
  device_number: z.number(),
  pci_address: z.string().nullable(),
  physical_blockdevice: z.unknown().optional(),
  physical_interface: z.unknown().optional(),
  resource_uri: resourceUri.optional(),
});
export interface NodeDevice extends z.infer<typeof NodeDeviceSchema> {}

export const HardwareType = { NODE: 0, CPU: 1, MEMORY: 2, STORAGE: 3, NETWORK: 4, GPU: 5 } as const;

export const NodeResultSchema = loose({
  id: z.number(),
  system_id: z.string(),
  type: z.number(),
  type_name: z.string(),
  status: z.number(),
  status_name: z.string(),
  started: z.string().nullable().optional(),
  ended: z.string().nullable().optional(),
  runtime: z.string().optional(),
  results: z.array(loose({ id: z.number(), name: z.string(), status: z.number(), status_name: z.string() })),
  resource_uri: resourceUri,
});
export interface NodeResult extends z.infer<typeof NodeResultSchema> {}
