import type {
  ApplyEvent,
  ApplyResult,
  InventorySnapshot,
  Plan,
  PlanDiff,
  RollbackResult,
  SiteSnapshot,
  UpgradeJuju,
} from '@edgekit/edge-core';
import type { Ratios } from './headroom.js';
import type { JujuModelState } from './juju-model.js';
import type { Inventory, MachineAction, SiteDescription } from './model.js';

/**
 * What the TUI asks of a connected site. The container owns one and calls it from effects; the
 * implementation speaks to MAAS and Juju through the SDKs (real servers or the embedded simulators).
 */
export interface SiteData {
  readonly description: SiteDescription;
  loadInventory(signal: AbortSignal): Promise<Inventory>;
  /**
   * Follows the Juju model until `signal` aborts, calling `onState` with each new state; null when
   * no Juju controller is connected (the reason is in `jujuNote`).
   */
  readonly watchJuju:
    | ((onState: (state: JujuModelState) => void, signal: AbortSignal) => Promise<void>)
    | null;
  readonly jujuNote: string;
  /** Runs a machine action and resolves when MAAS has accepted it. */
  machineAction(systemId: string, action: MachineAction): Promise<void>;
  setOverCommitRatios(hostId: number, ratios: Ratios): Promise<void>;
  /** The inventory in edge-core's snapshot form, what plans are made against. */
  loadSnapshot(): Promise<InventorySnapshot>;
  /** The whole site as the simulators need it, for a rehearsal on a twin (no secret inside). */
  takeSiteSnapshot(signal: AbortSignal): Promise<SiteSnapshot>;
  diffPlan(plan: Plan): Promise<PlanDiff>;
  applyPlan(
    plan: Plan,
    run: { planFile: string; dryRun: boolean; onEvent: (event: ApplyEvent) => void; signal: AbortSignal },
  ): Promise<ApplyResult>;
  rollbackPlan(
    plan: Plan,
    run: { planFile: string; onEvent: (event: ApplyEvent) => void },
  ): Promise<RollbackResult>;
  /** The Juju calls an upgrade makes (null without a Juju model). */
  readonly upgradeJuju: UpgradeJuju | null;
  /**
   * The simulated demo only: deploys Charmed Kubernetes 1.35 from the real bundle into the empty model,
   * so a new user has something to upgrade within a minute. Null on a real site.
   */
  readonly deployDemoKubernetes: ((signal: AbortSignal) => Promise<void>) | null;
  /**
   * Drains a VM host or heals the site (`edgekit drain`/`heal`: a re-run resumes an unfinished one),
   * reporting each step; resolves with how many VMs were replaced and what could not be restored.
   */
  runDay2(run: {
    mode: 'drain' | 'heal';
    host?: string;
    onEvent: (event: ApplyEvent) => void;
    signal: AbortSignal;
  }): Promise<{ replaced: number; unplaced: string[] }>;
  /** Removes a host's drained mark; false if it had none. */
  undrainHost(host: string): Promise<boolean>;
  close(): Promise<void>;
}
