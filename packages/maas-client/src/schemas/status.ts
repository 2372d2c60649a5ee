/**
 * NODE_STATUS codes with MAAS's own names (src/maascommon/enums/node.py; labels src/maascommon/node.py).
 * `status` stays a number on parsed machines; these tables give it a name in both directions.
 */
export const NodeStatus = {
  NEW: 0,
  COMMISSIONING: 1,
  FAILED_COMMISSIONING: 2,
  MISSING: 3,
  READY: 4,
  RESERVED: 5,
  DEPLOYED: 6,
  RETIRED: 7,
  BROKEN: 8,
  DEPLOYING: 9,
  ALLOCATED: 10,
  FAILED_DEPLOYMENT: 11,
  RELEASING: 12,
  FAILED_RELEASING: 13,
  DISK_ERASING: 14,
  FAILED_DISK_ERASING: 15,
  RESCUE_MODE: 16,
  ENTERING_RESCUE_MODE: 17,
  FAILED_ENTERING_RESCUE_MODE: 18,
  EXITING_RESCUE_MODE: 19,
  FAILED_EXITING_RESCUE_MODE: 20,
  TESTING: 21,
  FAILED_TESTING: 22,
} as const;

export type NodeStatusName = keyof typeof NodeStatus;
export type NodeStatusCode = (typeof NodeStatus)[NodeStatusName];

/** `status_name` strings as MAAS prints them. */
export const NODE_STATUS_LABELS: Readonly<Record<NodeStatusCode, string>> = {
  0: 'New',
  1: 'Commissioning',
  2: 'Failed commissioning',
  3: 'Missing',
  4: 'Ready',
  5: 'Reserved',
  6: 'Deployed',
  7: 'Retired',
  8: 'Broken',
  9: 'Deploying',
  10: 'Allocated',
  11: 'Failed deployment',
  12: 'Releasing',
  13: 'Releasing failed',
  14: 'Disk erasing',
  15: 'Failed disk erasing',
  16: 'Rescue mode',
  17: 'Entering rescue mode',
  18: 'Failed to enter rescue mode',
  19: 'Exiting rescue mode',
  20: 'Failed to exit rescue mode',
  21: 'Testing',
  22: 'Failed testing',
};

const BY_CODE = new Map<number, NodeStatusName>(
  Object.entries(NodeStatus).map(([name, code]) => [code, name as NodeStatusName]),
);

/** `NodeStatus` name for a code, or undefined for a code newer than this SDK. */
export function nodeStatusName(code: number): NodeStatusName | undefined {
  return BY_CODE.get(code);
}

/** The lower-case name the `status=` list filter takes, e.g. `failed_commissioning`. */
export function nodeStatusFilterName(code: NodeStatusCode): string {
  return BY_CODE.get(code)!.toLowerCase();
}

/** Accepts a code, a `NodeStatus` name (any case) or a filter name; returns the code. */
export function toNodeStatusCode(
  value: NodeStatusCode | NodeStatusName | Lowercase<NodeStatusName>,
): NodeStatusCode {
  if (typeof value === 'number') return value;
  const code = NodeStatus[value.toUpperCase() as NodeStatusName];
  if (code === undefined) throw new TypeError(`Unknown MAAS node status "${value}".`);
  return code;
}

/** Statuses in which a failure means "stop waiting": the machine will not reach the target by itself. */
export const FAILED_NODE_STATUSES: readonly NodeStatusCode[] = [2, 8, 11, 13, 15, 18, 20, 22];

export const PowerStates = ['on', 'off', 'unknown', 'error'] as const;
