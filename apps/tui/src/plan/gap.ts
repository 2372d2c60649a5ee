/**
 * The certified gap as operators read it: "optimal" when the engine proved the answer meets its own lower
 * bound, else how far above that bound it may be (hosts - bound) / bound. One wording for `place`, `size`
 * and the planner.
 */
export function gapText(result: { gap: number; provenOptimal: boolean }): string {
  return result.provenOptimal ? 'optimal' : `gap ${(result.gap * 100).toFixed(0)}%`;
}

/**
 * The gap of a placement: only packing tries for the fewest hosts, so a spread placement (or one that left
 * VMs out) has no gap to report.
 */
export function placementGap(
  result: { gap: number; provenOptimal: boolean; feasible: boolean; unplaced: readonly unknown[] },
  objective: 'pack' | 'spread',
): string {
  // The gap compares hosts used with the bound for placing every VM: with VMs left out it means nothing.
  if (!result.feasible) return `gap undefined: ${result.unplaced.length} VM(s) not placed, see below`;
  return objective === 'pack' ? gapText(result) : 'spread on purpose (pack: fewest hosts)';
}
