/**
 * The certified gap as operators read it: "optimal" when the engine proved the answer meets its own lower
 * bound, else how far above that bound it may be (hosts - bound) / bound. One wording for `place`, `size`
 * and the planner.
 */
export function gapText(result: { gap: number; provenOptimal: boolean }): string {
  return result.provenOptimal ? 'optimal' : `gap ${(result.gap * 100).toFixed(0)}%`;
}
