// Independent checker for vector packings: written from the problem statement only, shares no code with
// the engine, so a bug in the engine's load bookkeeping cannot hide itself.
export function packingViolations(
  capacity: readonly number[],
  items: readonly (readonly number[])[],
  bins: readonly (readonly number[])[],
  conflicts: readonly (readonly [number, number])[] = [],
): string[] {
  const problems: string[] = [];
  const binOfItem = new Map<number, number>();
  bins.forEach((bin, b) => {
    if (bin.length === 0) problems.push(`bin ${b} is empty`);
    capacity.forEach((cap, k) => {
      const load = bin.reduce((sum, i) => sum + (items[i]?.[k] ?? Number.NaN), 0);
      if (!(load <= cap)) problems.push(`bin ${b} dimension ${k}: load ${load} > ${cap}`);
    });
    for (const i of bin) {
      if (binOfItem.has(i)) problems.push(`item ${i} packed twice`);
      binOfItem.set(i, b);
    }
  });
  items.forEach((_, i) => {
    if (!binOfItem.has(i)) problems.push(`item ${i} not packed`);
  });
  for (const [a, c] of conflicts) {
    if (binOfItem.get(a) !== undefined && binOfItem.get(a) === binOfItem.get(c)) {
      problems.push(`conflicting items ${a} and ${c} share bin ${binOfItem.get(a)}`);
    }
  }
  return problems;
}
