import * as z from 'zod';
import { boundedArray, INPUT_LIMITS, overLimit } from './limits.js';
import { refineUniqueNames } from './name-record.js';
import { MIB, parseSize } from './quantities.js';

/** A size given as a number in `unitBytes` or as text with a unit ("8G"), normalised to `unitBytes`. */
function sizeIn(unitBytes: number, unitName: string) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const bytes = typeof value === 'number' ? value * unitBytes : parseSize(value, unitBytes);
    if (bytes === null || !Number.isFinite(bytes) || bytes < 0) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a size; write a number of ${unitName} or a value with a unit such as "8G" or "512MiB"`,
      });
      return z.NEVER;
    }
    return Math.round((bytes / unitBytes) * 1e6) / 1e6;
  });
}

/** Memory in MiB (MAAS's unit for VM-host and compose memory). */
export const MemoryMiBSchema = sizeIn(MIB, 'MiB');
/** Storage in bytes (MAAS's unit for storage pools). */
export const BytesSchema = sizeIn(1, 'bytes');

const name = z.string().min(1, 'must not be empty');
/** MAAS accepts over-commit ratios from 0 to 10 (forms/pods.py). */
const ratio = z.number().min(0).max(10, 'MAAS allows over-commit ratios up to 10');

export const StoragePoolSchema = z.object({
  name,
  /** Free bytes as the driver reports them (LXD/libvirt real free space, other projects included). */
  free: BytesSchema,
  /** MAAS's `default_storage_pool`: disks without a pool or pool tag go here first. */
  default: z.boolean().default(false),
});

export const GpuSchema = z.object({
  model: name,
  /** Free devices of this model. */
  count: z.number().int().nonnegative(),
});

const usage = z
  .object({
    cores: z.number().nonnegative().default(0),
    /** MiB; for tracked VMs this includes hugepage-backed VMs, as MAAS's `used.memory` does. */
    memory: MemoryMiBSchema.default(0),
    /** MiB of hugepage-backed VM memory (a part of `memory`). */
    hugepages: MemoryMiBSchema.default(0),
    /** Cores pinned to VMs (a part of `cores`). */
    pinnedCores: z.number().int().nonnegative().default(0),
  })
  .strict();

export const HostSchema = z
  .object({
    name,
    zone: name.default('default'),
    /** MAAS resource pool. */
    pool: name.default('default'),
    tags: z.array(name).default([]),
    /** Physical cores (MAAS `total.cores`). */
    cores: z.number().int().positive(),
    /** MiB (MAAS `total.memory`). */
    memory: MemoryMiBSchema,
    /** MiB of the host's memory set aside as hugepages (never over-committed). */
    hugepages: MemoryMiBSchema.default(0),
    /** Omit to leave storage unmodelled on this host; list pools to have every disk checked against them. */
    storagePools: z.array(StoragePoolSchema).optional(),
    cpuOverCommitRatio: ratio.default(1),
    memoryOverCommitRatio: ratio.default(1),
    /** Resources of VMs in the LXD project MAAS tracks (what the server's admission check counts). */
    used: usage.default({ cores: 0, memory: 0, hugepages: 0, pinnedCores: 0 }),
    /** Resources of VMs in other LXD projects: only the UI's stricter rule counts them. */
    other: usage.default({ cores: 0, memory: 0, hugepages: 0, pinnedCores: 0 }),
    gpus: z.array(GpuSchema).default([]),
  })
  .strict();

export const DiskSchema = z
  .object({
    size: BytesSchema,
    /** Storage pool by name; otherwise a tag equal to a pool name selects it, as MAAS does. */
    pool: name.optional(),
    tags: z.array(name).default([]),
  })
  .strict();

export const AntiAffinitySchema = z
  .object({
    group: name,
    scope: z.enum(['host', 'zone']).default('host'),
    /** At most this many members of the group per host (or zone). */
    maxPerDomain: z.number().int().positive().default(1),
  })
  .strict();

export const VmRequestSchema = z
  .object({
    name,
    count: z.number().int().positive().max(INPUT_LIMITS.vms, overLimit('count', INPUT_LIMITS.vms)).default(1),
    cores: z.number().int().positive().default(1),
    /** Pin every vCPU to a dedicated core (ratio 1; still counted in the over-committed core total, as MAAS does). */
    pinned: z.boolean().default(false),
    /** MiB; MAAS composes at least 1024 MiB. */
    memory: MemoryMiBSchema.default(2048).refine((v) => v >= 1024, {
      message: 'MAAS composes VMs with at least 1024 MiB of memory',
    }),
    /** Back the memory with hugepages (needs free hugepages on the host, never over-committed). */
    hugepages: z.boolean().default(false),
    /** Default: one 8 GiB root disk, MAAS's `root:8(local)`. */
    disks: z.array(DiskSchema).default([{ size: 8 * 2 ** 30, tags: [] }]),
    gpus: z.object({ count: z.number().int().positive(), model: name.optional() }).strict().optional(),
    /** Allowed zones. */
    zones: z.array(name).optional(),
    /** The host must carry every tag. */
    tags: z.array(name).default([]),
    /** MAAS resource pool of the host. */
    pool: name.optional(),
    /** Allowed host names. */
    hosts: z.array(name).optional(),
    antiAffinity: AntiAffinitySchema.optional(),
    /** VMs naming the same affinity group land on the same host. */
    affinity: name.optional(),
  })
  .strict();

export const PlacementProblemSchema = z
  .object({
    hosts: boundedArray(HostSchema, INPUT_LIMITS.hosts, 'hosts'),
    vms: boundedArray(VmRequestSchema, INPUT_LIMITS.vms, 'VM requests'),
  })
  .strict()
  .superRefine((problem, ctx) => {
    refineUniqueNames(problem.vms, 'vms', 'VM request', ctx);
    refineUniqueNames(problem.hosts, 'hosts', 'host', ctx);
    const total = problem.vms.reduce((sum, vm) => sum + vm.count, 0);
    if (total > INPUT_LIMITS.vms)
      ctx.addIssue({
        code: 'custom',
        path: ['vms'],
        message: overLimit(`the VM count (${total}) summed over vms`, INPUT_LIMITS.vms),
      });
  });

export type Host = z.output<typeof HostSchema>;
export type HostInput = z.input<typeof HostSchema>;
export type VmRequest = z.output<typeof VmRequestSchema>;
export type VmRequestInput = z.input<typeof VmRequestSchema>;
export type PlacementProblem = z.output<typeof PlacementProblemSchema>;
export type PlacementProblemInput = z.input<typeof PlacementProblemSchema>;
export type StoragePool = z.output<typeof StoragePoolSchema>;
