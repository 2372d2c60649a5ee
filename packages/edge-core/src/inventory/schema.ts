import * as z from 'zod';

/**
 * An inventory snapshot: what a MAAS region had to offer when the plan was made. Units follow MAAS's
 * VM-host JSON (maas-api.md §4.3): memory in MiB, storage in bytes. Names are edgekit's own camelCase,
 * because a snapshot is a document users read and diff, not a wire object.
 */
export const RefSchema = z.object({ id: z.number().int(), name: z.string().min(1) });
export type Ref = z.infer<typeof RefSchema>;

export const ResourceTotalsSchema = z.object({
  cores: z.number().nonnegative(),
  memoryMiB: z.number().nonnegative(),
  storageBytes: z.number().nonnegative(),
});
export type ResourceTotals = z.infer<typeof ResourceTotalsSchema>;

export const InventoryStoragePoolSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  type: z.string(),
  totalBytes: z.number().nonnegative(),
  usedBytes: z.number().nonnegative(),
  availableBytes: z.number(),
  default: z.boolean(),
});
export type InventoryStoragePool = z.infer<typeof InventoryStoragePoolSchema>;

/** A VM living on a VM host: MAAS machines (tracked project) and, where known, VMs of other projects. */
export const HostedVmSchema = z.object({
  systemId: z.string().nullable(),
  hostname: z.string(),
  cores: z.number().nonnegative(),
  memoryMiB: z.number().nonnegative(),
  tags: z.array(z.string()).default([]),
  /** true when the VM belongs to another LXD project: MAAS's server rule ignores it, the UI counts it. */
  otherProject: z.boolean().default(false),
});
export type HostedVm = z.infer<typeof HostedVmSchema>;

export const VmHostInventorySchema = z.object({
  id: z.number().int(),
  name: z.string().min(1),
  type: z.string(),
  zone: RefSchema,
  pool: RefSchema,
  tags: z.array(z.string()),
  capabilities: z.array(z.string()).default([]),
  cpuOverCommitRatio: z.number().positive(),
  memoryOverCommitRatio: z.number().positive(),
  total: ResourceTotalsSchema,
  used: ResourceTotalsSchema,
  /** Resources of VMs in other LXD projects (allocated_other); zero when MAAS does not expose them. */
  usedByOtherProjects: z.object({ cores: z.number().nonnegative(), memoryMiB: z.number().nonnegative() }),
  storagePools: z.array(InventoryStoragePoolSchema),
  defaultStoragePoolId: z.string().nullable(),
  vms: z.array(HostedVmSchema),
});
export type VmHostInventory = z.infer<typeof VmHostInventorySchema>;

export const InventoryGpuSchema = z.object({
  vendorId: z.string(),
  productId: z.string(),
  vendorName: z.string(),
  productName: z.string(),
  pciAddress: z.string(),
});
export type InventoryGpu = z.infer<typeof InventoryGpuSchema>;

export const BareMetalMachineSchema = z.object({
  systemId: z.string().min(1),
  hostname: z.string().min(1),
  zone: RefSchema,
  pool: RefSchema,
  status: z.string(),
  owner: z.string().nullable(),
  cpuCount: z.number().nonnegative(),
  memoryMiB: z.number().nonnegative(),
  storageMB: z.number().nonnegative(),
  tags: z.array(z.string()),
  gpus: z.array(InventoryGpuSchema),
  /** Set when this machine is itself the host of a VM host (an LXD host); it is not free for workloads. */
  vmHostId: z.number().int().nullable(),
});
export type BareMetalMachine = z.infer<typeof BareMetalMachineSchema>;

export const INVENTORY_SCHEMA_VERSION = 1;

export const InventorySnapshotSchema = z.object({
  schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION),
  takenAt: z.iso.datetime(),
  /** The MAAS URL the snapshot came from (never the API key) and its reported version. */
  source: z.object({ maasUrl: z.string(), maasVersion: z.string() }),
  zones: z.array(RefSchema),
  pools: z.array(RefSchema),
  tags: z.array(z.string()),
  vmHosts: z.array(VmHostInventorySchema),
  machines: z.array(BareMetalMachineSchema),
});
export type InventorySnapshot = z.infer<typeof InventorySnapshotSchema>;
