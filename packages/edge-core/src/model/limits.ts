import * as z from 'zod';

/**
 * Upper bounds on what one input document may ask for. They sit well above any real edge site (the
 * scale bench places 10,000 VMs on 1,000 hosts in about a second) and far below what makes planning
 * hang or run out of memory (a `count: 1000000` or `num_units: 1e9` used to hang the CLI). juju-sim
 * refuses bundles above the same 10,000 units per application.
 */
export const INPUT_LIMITS = {
  /** VMs (or machines) in one workload or placement problem, summed over every request/role. */
  vms: 10_000,
  /** Hosts in one placement problem. */
  hosts: 10_000,
  /** One disk, in GB (10^9 bytes): one petabyte. */
  diskGB: 1_000_000,
} as const;

/** The message of a count over its limit: names the limit and what it bounds. */
export function overLimit(what: string, limit: number): string {
  // Grouped by hand: these messages are built when the schemas are (at import), and the first
  // toLocaleString loads ICU's locale data, ~10 ms on the critical path of every start.
  const grouped = String(limit).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${what} must be at most ${grouped} (edge-core's input limit)`;
}

/**
 * An array of at most `max` items, checked before any item is parsed, so a million-item document is
 * refused at once instead of after a million item parses.
 */
export function boundedArray<T extends z.ZodType>(item: T, max: number, what: string) {
  return z
    .array(z.unknown())
    .max(max, overLimit(`the number of ${what}`, max))
    .pipe(z.array(item));
}
