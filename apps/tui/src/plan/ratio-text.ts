/**
 * The smallest uniform over-commit ratios at which the existing hosts take the workload, in words. A ratio
 * under 1 is not advice to set it: it says how much of the physical CPU or memory the workload needs.
 * One wording for `edgekit size`/`plan` and the Planner.
 */
export function ratioText(ratios: { cpu: number | null; memory: number | null }): string {
  const { cpu, memory } = ratios;
  if (cpu === null || memory === null) {
    const short = [cpu === null ? 'CPU' : '', memory === null ? 'memory' : ''].filter(Boolean).join(' and ');
    return `the existing hosts do not fit it even at MAAS's highest over-commit (10) of ${short}`;
  }
  const percent = (ratio: number) => `${Math.round(ratio * 100)} %`;
  if (cpu <= 1 && memory <= 1) {
    return `the existing hosts fit it without over-commit, using ${percent(cpu)} of their physical CPU and ${percent(memory)} of their memory`;
  }
  const needs = [cpu > 1 ? `CPU ×${cpu}` : '', memory > 1 ? `memory ×${memory}` : '']
    .filter(Boolean)
    .join(' and ');
  return `the existing hosts fit it only with over-commit: at least ${needs} (smallest ratios that fit: cpu ${cpu}, memory ${memory})`;
}
