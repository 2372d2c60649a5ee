import type { SubnetRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import { intToIp, ipToInt, parseCidr } from './ipv4.js';

/**
 * Who holds each address of a subnet: the gateway, MAAS's reserved block (rack + dynamic range) and
 * machine addresses. Statistics and the reserved/unreserved range ops are all derived from it.
 */
export function addressUsage(state: SimState, subnet: SubnetRec): Map<number, string> {
  const range = parseCidr(subnet.cidr);
  const usage = new Map<number, string>();
  for (let n = range.first; n < range.first + subnet.reservedCount && n <= range.last; n++)
    usage.set(n, 'reserved');
  if (subnet.gatewayIp) usage.set(ipToInt(subnet.gatewayIp), 'gateway-ip');
  for (const m of state.data.machines) {
    for (const i of m.interfaces)
      if (i.ip && i.subnetId === subnet.id) usage.set(ipToInt(i.ip), 'assigned-ip');
  }
  return usage;
}

export interface AddressRange {
  start: string;
  end: string;
  num_addresses: number;
  purpose?: string[];
}

/** Contiguous runs of used (with their purpose) or free addresses. */
export function addressRanges(state: SimState, subnet: SubnetRec, used: boolean): AddressRange[] {
  const range = parseCidr(subnet.cidr);
  const usage = addressUsage(state, subnet);
  const out: AddressRange[] = [];
  let runStart = -1;
  let runPurpose: string | undefined;
  const close = (end: number): void => {
    if (runStart < 0) return;
    const entry: AddressRange = {
      start: intToIp(runStart),
      end: intToIp(end),
      num_addresses: end - runStart + 1,
    };
    if (used && runPurpose) entry.purpose = [runPurpose];
    out.push(entry);
    runStart = -1;
  };
  for (let n = range.first; n <= range.last; n++) {
    const purpose = usage.get(n);
    const inRun = used ? purpose !== undefined : purpose === undefined;
    if (!inRun || (used && purpose !== runPurpose)) close(n - 1);
    if (inRun && runStart < 0) {
      runStart = n;
      runPurpose = purpose;
    }
  }
  close(range.last);
  return out;
}

/** `statistics`: counts of free/used addresses and the largest free run. */
export function subnetStatistics(state: SimState, subnet: SubnetRec) {
  const range = parseCidr(subnet.cidr);
  const total = range.last - range.first + 1;
  const unavailable = [...addressUsage(state, subnet).keys()].filter(
    (n) => n >= range.first && n <= range.last,
  ).length;
  const largest = Math.max(0, ...addressRanges(state, subnet, false).map((r) => r.num_addresses));
  const usage = unavailable / total;
  return {
    num_available: total - unavailable,
    largest_available: largest,
    num_unavailable: unavailable,
    total_addresses: total,
    usage,
    usage_string: `${Math.round(usage * 100)}%`,
    available_string: `${Math.round((1 - usage) * 100)}%`,
    first_address: intToIp(range.first),
    last_address: intToIp(range.last),
    ip_version: 4,
  };
}
