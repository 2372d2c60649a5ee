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
  result: { gap: number; provenOptimal: boolean; feasible: boolean },
  objective: 'pack' | 'spread',
): string {
  if (!result.feasible) return 'not all placed';
  return objective === 'pack' ? gapText(result) : 'spread on purpose (pack: fewest hosts)';
}
