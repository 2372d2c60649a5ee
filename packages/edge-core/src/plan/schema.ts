import * as z from 'zod';
import { InventorySnapshotSchema, RefSchema } from '../inventory/schema.js';
import { WorkloadSchema } from './workload.js';

/** The plan document's format version. Bump it (and teach `parsePlan` to migrate) on breaking changes. */
export const PLAN_API_VERSION = 'edgekit.io/v1';

export const PlanIdSchema = z
  .string()
  .regex(
    /^[a-z0-9]{4,12}$/,
    'a plan id is 4-12 lower-case letters or digits (it goes into MAAS tags and hostnames)',
  );

export const RatioChangeSchema = z
  .object({
    vmHost: z.string().min(1),
    cpuOverCommitRatio: z.number().positive().max(10).optional(),
    memoryOverCommitRatio: z.number().positive().max(10).optional(),
  })
  .refine((change) => change.cpuOverCommitRatio !== undefined || change.memoryOverCommitRatio !== undefined, {
    message: 'a ratio change sets cpuOverCommitRatio, memoryOverCommitRatio or both',
  });
export type RatioChange = z.infer<typeof RatioChangeSchema>;

export const VmTargetSchema = z.object({
  kind: z.literal('vm'),
  vmHostId: z.number().int(),
  vmHostName: z.string(),
  /** Storage pool name chosen for each disk of the role, in disk order. */
  storagePools: z.array(z.string().min(1)).min(1),
});
export const BareMetalTargetSchema = z.object({
  kind: z.literal('bare-metal'),
  systemId: z.string().min(1),
  gpus: z.number().int().nonnegative(),
});

export const PlannedMachineSchema = z.object({
  hostname: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a hostname is one DNS label'),
  role: z.string().min(1),
  index: z.number().int().nonnegative(),
  zone: RefSchema,
  pool: RefSchema,
  target: z.discriminatedUnion('kind', [VmTargetSchema, BareMetalTargetSchema]),
});
export type PlannedMachine = z.infer<typeof PlannedMachineSchema>;

/**
 * What the placement engine reported, kept for the record. The certified bound, its rule, the gap against it
 * and whether the engine proved the placement optimal are typed; anything else the engine adds passes
 * through. Every field is optional, so plans written before they were typed still read.
 */
export const PlacementStatsSchema = z
  .object({
    hostsUsed: z.number().int().nonnegative().optional(),
    /** The engine's own lower bound on the hosts and the rule that gave it (L1, anti-affinity, pins, ...). */
    lowerBound: z
      .object({ value: z.number().int().nonnegative(), rule: z.string(), detail: z.string() })
      .optional(),
    /** (hostsUsed - bound) / bound: how far from optimal the plan can be, at most. */
    gap: z.number().nonnegative().optional(),
    /** hostsUsed equals the bound: no placement of these VMs uses fewer hosts. */
    provenOptimal: z.boolean().optional(),
  })
  .catchall(z.unknown());

export const PlacementSchema = z.object({
  objective: z.enum(['pack', 'spread']),
  rule: z.enum(['server', 'ui']),
  machines: z.array(PlannedMachineSchema),
  stats: PlacementStatsSchema.optional(),
});
export type Placement = z.infer<typeof PlacementSchema>;

/** `POST /vm-hosts/{id}/?op=compose` form fields, with MAAS's wire names (maas-api.md §4.2). */
export const ComposeParamsSchema = z.object({
  hostname: z.string(),
  cores: z.number().int().positive(),
  memory: z.number().int().min(1024),
  storage: z.string().min(1),
  zone: z.number().int(),
  pool: z.number().int(),
});
export type ComposeParams = z.infer<typeof ComposeParamsSchema>;

export const ComposeRequestSchema = z.object({
  vmHostId: z.number().int(),
  vmHostName: z.string(),
  role: z.string(),
  params: ComposeParamsSchema,
});
export type ComposeRequest = z.infer<typeof ComposeRequestSchema>;

export const RatioUpdateSchema = z.object({
  vmHostId: z.number().int(),
  vmHostName: z.string(),
  from: z.object({ cpu_over_commit_ratio: z.number(), memory_over_commit_ratio: z.number() }),
  params: z.object({
    cpu_over_commit_ratio: z.number().positive().optional(),
    memory_over_commit_ratio: z.number().positive().optional(),
  }),
});
export type RatioUpdate = z.infer<typeof RatioUpdateSchema>;

export const MachineTagsSchema = z.object({ hostname: z.string(), tags: z.array(z.string()).min(1) });
export type MachineTags = z.infer<typeof MachineTagsSchema>;

export const BareMetalAssignmentSchema = z.object({
  systemId: z.string(),
  hostname: z.string(),
  role: z.string(),
  gpus: z.number().int().nonnegative(),
});
export type BareMetalAssignment = z.infer<typeof BareMetalAssignmentSchema>;

export const JujuMachineSchema = z.object({
  /** The machine's key in the overlay's `machines:` section. */
  bundleMachine: z.string(),
  hostname: z.string(),
  /** The placement directive that pins the Juju machine to its MAAS node (`<hostname>` or `system-id=`). */
  placement: z.string(),
  constraints: z.string(),
});
export type JujuMachine = z.infer<typeof JujuMachineSchema>;

export const OutputsSchema = z.object({
  tags: z.object({ plan: z.string(), roles: z.record(z.string(), z.string()) }),
  ratioUpdates: z.array(RatioUpdateSchema),
  compose: z.array(ComposeRequestSchema),
  bareMetal: z.array(BareMetalAssignmentSchema),
  machineTags: z.array(MachineTagsSchema),
  juju: z.object({ bundle: z.string(), overlay: z.string(), machines: z.array(JujuMachineSchema) }),
});
export type Outputs = z.infer<typeof OutputsSchema>;

export const PlanSchema = z.object({
  apiVersion: z.literal(PLAN_API_VERSION),
  kind: z.literal('Plan'),
  id: PlanIdSchema,
  name: z.string().min(1),
  createdAt: z.iso.datetime(),
  inventory: InventorySnapshotSchema,
  workload: WorkloadSchema,
  ratioChanges: z.array(RatioChangeSchema),
  placement: PlacementSchema,
  outputs: OutputsSchema,
});
export type Plan = z.infer<typeof PlanSchema>;
