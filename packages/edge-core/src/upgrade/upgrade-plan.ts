import { z } from 'zod';

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
]);
export type UpgradeStep = z.infer<typeof UpgradeStepSchema>;

/** The versioned upgrade document `edgekit upgrade -o` writes and `--resume` reads. */
export const UpgradePlanSchema = z.object({
  kind: z.literal('UpgradePlan'),
  version: z.literal(1),
  id: z.string(),
  from: z.string(),
  to: z.string(),
  strategy: z.literal('in-place'),
  maxUnavailable: z.number().int().min(1),
  steps: z.array(UpgradeStepSchema),
});
export type UpgradePlan = z.infer<typeof UpgradePlanSchema>;
