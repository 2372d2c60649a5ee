import { isUnitName } from './model/applications.js';

/**
 * Faults the simulator can inject; all optional, all off by default. Changed at run time by setFaults
 * (merges) and clearFaults (all off).
 */
export interface JujuSimFaults {
  /** Probability (0..1) that a call after login drops the connection instead of replying. */
  dropConnectionRate?: number;
  /** Drop every open connection on this schedule (real milliseconds). */
  dropConnectionsEveryMs?: number;
  /** Delay every reply after login by this many real milliseconds. */
  replyDelayMs?: number;
  /** Probability (0..1) that a call after login fails with Juju's `try again` error. */
  tryAgainRate?: number;
  /** Unit names (`etcd/1`) or application names whose units fail their install hook. */
  unitErrors?: string[];
  /** Machine ids whose provisioning fails (instance status `provisioning error`). */
  provisioningErrors?: string[];
  /**
   * Unit names (`etcd/1`) whose agents stop talking to the controller, as when their machine goes down:
   * agent `lost`, workload `unknown` (see model/unit-presence.ts), in FullStatus and the AllWatcher,
   * until the fault is cleared; then the agent reconnects and the unit returns to service.
   */
  unitsLost?: string[];
}

export function checkFaults(faults: JujuSimFaults): void {
  for (const key of ['dropConnectionRate', 'tryAgainRate'] as const) {
    const value = faults[key];
    if (value !== undefined && !(value >= 0 && value <= 1)) {
      throw new RangeError(`faults.${key} must be a probability between 0 and 1, got ${value}`);
    }
  }
  for (const key of ['dropConnectionsEveryMs', 'replyDelayMs'] as const) {
    const value = faults[key];
    if (value !== undefined && !(value >= 0 && Number.isFinite(value))) {
      throw new RangeError(`faults.${key} must be a non-negative number of milliseconds, got ${value}`);
    }
  }
  const notUnit = faults.unitsLost?.find((name) => !isUnitName(name));
  if (notUnit !== undefined) {
    throw new RangeError(
      `faults.unitsLost must list unit names such as etcd/1, got ${JSON.stringify(notUnit)}`,
    );
  }
}
