import * as z from 'zod';
import { ReplacementSchema } from '../day2/day2-plan.js';

/** One step of an upgrade, in the order it runs; `why` says why it sits where it does. */
export const UpgradeStepSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    kind: z.literal('action'),
    application: z.string(),
    unit: z.string(),
    action: z.enum(['snapshot', 'pause', 'upgrade', 'resume']),
    why: z.string(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('refresh'),
    application: z.string(),
    charm: z.string(),
    channel: z.string(),
    /** Charm config set with the refresh (`channel` where the charm installs snaps from it). */
    config: z.record(z.string(), z.string()),
    why: z.string(),
  }),
  // Blue-green workers: new worker VMs beside the old, a new worker application on the target
  // channel, then the old workers retired one at a time and the old application removed.
  z.object({
    id: z.string(),
    kind: z.literal('new-worker'),
    /** The new VM: placed by the engine beside the old worker it will take over from. */
    vm: ReplacementSchema,
    why: z.string(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('deploy-green'),
    application: z.string(),
    /** The worker application it replaces; its relations are made for the new one too. */
    replaces: z.string(),
    charm: z.string(),
    channel: z.string(),
    config: z.record(z.string(), z.string()),
    /** Hostnames of the new worker VMs, one unit on each. */
    hostnames: z.array(z.string()).min(1),
    why: z.string(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('retire'),
    application: z.string(),
    unit: z.string(),
    /** The old worker's VM (old.*) and its units: paused, removed, its machine and VM too. */
    vm: ReplacementSchema,
    why: z.string(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('remove-application'),
    application: z.string(),
    why: z.string(),
  }),
]);
export type UpgradeStep = z.infer<typeof UpgradeStepSchema>;

/** The versioned upgrade document `edgekit upgrade -o` writes and `--resume` reads. */
export const UpgradePlanSchema = z.object({
  kind: z.literal('UpgradePlan'),
  version: z.literal(1),
  id: z.string(),
  from: z.string(),
  to: z.string(),
  strategy: z.enum(['in-place', 'blue-green']),
  maxUnavailable: z.number().int().min(1),
  steps: z.array(UpgradeStepSchema),
});
export type UpgradePlan = z.infer<typeof UpgradePlanSchema>;
