/**
 * MAAS's server-side admission rule for composing on a VM host (maas-api.md §4.4):
 * used + requested ≤ total × over-commit ratio. MAAS floors nothing: 8 cores × 1.5 admits 12, not 13.
 */
export function admits(total: number, ratio: number, used: number, requested: number): boolean {
  return used + requested <= total * ratio;
}
