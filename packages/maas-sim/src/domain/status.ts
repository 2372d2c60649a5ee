/** NODE_STATUS codes and labels (src/maascommon/enums/node.py). */
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

/** States a machine can be released from (src/maasserver/enum.py `RELEASABLE_STATUSES`). */
export const RELEASABLE_STATUSES: number[] = [
  NodeStatus.ALLOCATED,
  NodeStatus.RESERVED,
  NodeStatus.BROKEN,
  NodeStatus.DEPLOYING,
  NodeStatus.DEPLOYED,
  NodeStatus.FAILED_DEPLOYMENT,
  NodeStatus.FAILED_DISK_ERASING,
  NodeStatus.FAILED_RELEASING,
];

const LABELS: Record<number, [label: string, filter: string]> = {
  0: ['New', 'new'],
  1: ['Commissioning', 'commissioning'],
  2: ['Failed commissioning', 'failed_commissioning'],
  3: ['Missing', 'missing'],
  4: ['Ready', 'ready'],
  5: ['Reserved', 'reserved'],
  6: ['Deployed', 'deployed'],
  7: ['Retired', 'retired'],
  8: ['Broken', 'broken'],
  9: ['Deploying', 'deploying'],
  10: ['Allocated', 'allocated'],
  11: ['Failed deployment', 'failed_deployment'],
  12: ['Releasing', 'releasing'],
  13: ['Releasing failed', 'failed_releasing'],
  14: ['Disk erasing', 'disk_erasing'],
  15: ['Failed disk erasing', 'failed_disk_erasing'],
  16: ['Rescue mode', 'rescue_mode'],
  17: ['Entering rescue mode', 'entering_rescue_mode'],
  18: ['Failed to enter rescue mode', 'failed_entering_rescue_mode'],
  19: ['Exiting rescue mode', 'exiting_rescue_mode'],
  20: ['Failed to exit rescue mode', 'failed_exiting_rescue_mode'],
  21: ['Testing', 'testing'],
  22: ['Failed testing', 'failed_testing'],
};

export const statusName = (status: number): string => LABELS[status]?.[0] ?? 'Unknown';
export const statusFilterName = (status: number): string => LABELS[status]?.[1] ?? 'unknown';

/** `simple_status` filter groups (maas-ui / FilterNodeForm). */
export function simpleStatus(status: number): string {
  switch (status) {
    case 0:
      return 'new';
    case 1:
      return 'commissioning';
    case 4:
      return 'ready';
    case 6:
      return 'deployed';
    case 8:
      return 'broken';
    case 9:
      return 'deploying';
    case 10:
      return 'allocated';
    case 12:
    case 14:
      return 'releasing';
    case 16:
    case 17:
    case 19:
      return 'rescue_mode';
    case 21:
      return 'testing';
    case 2:
    case 11:
    case 13:
    case 15:
    case 18:
    case 20:
    case 22:
      return 'failed';
    default:
      return 'other';
  }
}

/** Script-result status labels used by `*_status_name`. */
export function scriptStatusName(status: number): string {
  const names: Record<number, string> = {
    [-1]: 'Unknown',
    0: 'Pending',
    1: 'Running',
    2: 'Passed',
    3: 'Failed',
    4: 'Timed out',
    5: 'Aborted',
    6: 'Degraded',
  };
  return names[status] ?? 'Unknown';
}
