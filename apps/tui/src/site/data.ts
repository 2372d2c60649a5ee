import type { Ratios } from './headroom.js';
import type { Inventory, JujuSummary, MachineAction, SiteDescription } from './model.js';

/**
 * What the TUI asks of a connected site. The container owns one and calls it from effects; the
 * implementation speaks to MAAS and Juju through the SDKs (real servers or the embedded simulators).
 */
export interface SiteData {
  readonly description: SiteDescription;
  loadInventory(signal: AbortSignal): Promise<Inventory>;
  /** null when no Juju controller is configured; the reason is in `jujuNote`. */
  loadJuju(signal: AbortSignal): Promise<JujuSummary | null>;
  readonly jujuNote: string;
  /** Runs a machine action and resolves when MAAS has accepted it. */
  machineAction(systemId: string, action: MachineAction): Promise<void>;
  setOverCommitRatios(hostId: number, ratios: Ratios): Promise<void>;
  close(): Promise<void>;
}
