import * as z from 'zod';
import { ComposeRequestSchema } from '../plan/schema.js';

const UnitRefSchema = z.object({ application: z.string(), unit: z.string() });

/** One VM to replace: the new VM (composed, added to Juju, given a unit of each application), then the old goes. */
export const ReplacementSchema = z.object({
  old: z.object({ hostname: z.string(), systemId: z.string(), machine: z.string(), vmHost: z.string() }),
  role: z.string(),
  units: z.array(UnitRefSchema).min(1),
  compose: ComposeRequestSchema,
  /** MAAS tags the new VM carries (the old VM's `edgekit-*` tags: plan and role). */
  tags: z.array(z.string()),
  /** Juju constraints of the new machine, pinned to the new VM by hostname. */
  constraints: z.string(),
  why: z.string(),
});
export type Replacement = z.infer<typeof ReplacementSchema>;

/** A VM edgekit leaves alone, and why (no units to move; no room, with the engine's explanation). */
export const LeftVmSchema = z.object({
  hostname: z.string(),
  role: z.string(),
  units: z.array(UnitRefSchema),
  why: z.string(),
  suggestions: z.array(z.unknown()).default([]),
});
export type LeftVm = z.infer<typeof LeftVmSchema>;

/**
 * A drain or heal, fixed before anything changes so a re-run after a crash follows the same plan: which
 * VMs are replaced by which new VMs on which hosts, in the order they run (most critical first).
 */
export const Day2PlanSchema = z.object({
  kind: z.enum(['DrainPlan', 'HealPlan']),
  version: z.literal(1),
  id: z.string().regex(/^[a-z0-9]{4,12}$/),
  createdAt: z.iso.datetime(),
  /** The drained VM host (drain only). */
  host: z.object({ id: z.number().int(), name: z.string() }).optional(),
  /** Hosts nothing is placed on: the drained host, hosts of lost machines, hosts tagged drained. */
  excludedHosts: z.array(z.string()),
  replacements: z.array(ReplacementSchema),
  /** VMs without Juju units (drain: listed, not touched). */
  untouched: z.array(LeftVmSchema),
  /** Heal: lost VMs whose replacement did not fit, with the engine's explanation. */
  unplaced: z.array(LeftVmSchema),
});
export type Day2Plan = z.infer<typeof Day2PlanSchema>;
