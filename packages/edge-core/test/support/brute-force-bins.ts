// Exact optimum for tiny vector packing instances, written from the problem statement only (no engine code).

/** Fewest bins by exhaustive search (item i goes into one of the open bins or a new one): tiny n only. */
export function bruteForceBins(
  capacity: number[],
  items: number[][],
  conflicts: [number, number][] = [],
): number {
  const n = items.length;
  const loads: number[][] = [];
  const binOf: number[] = [];
  let best = n;
  const fits = (i: number, b: number): boolean =>
    capacity.every((c, k) => loads[b]![k]! + items[i]![k]! <= c) &&
    conflicts.every(([x, y]) => !((x === i && binOf[y] === b) || (y === i && binOf[x] === b)));
  const go = (i: number): void => {
    if (loads.length >= best) return;
    if (i === n) {
      best = loads.length;
      return;
    }
    for (let b = 0; b <= loads.length; b++) {
      const opened = b === loads.length;
      if (opened) loads.push(capacity.map(() => 0));
      if (fits(i, b)) {
        capacity.forEach((_, k) => {
          loads[b]![k]! += items[i]![k]!;
        });
        binOf[i] = b;
        go(i + 1);
        binOf[i] = -1;
        capacity.forEach((_, k) => {
          loads[b]![k]! -= items[i]![k]!;
        });
      }
      if (opened) loads.pop();
    }
  };
  go(0);
  return n === 0 ? 0 : best;
}
