/** Human sizes for narrow columns: binary units for memory, decimal for disks, as MAAS shows them. */

export function mib(value: number): string {
  if (Math.abs(value) >= 1024) return `${trim(value / 1024)}G`;
  return `${trim(value)}M`;
}

export function bytes(value: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit += 1;
  }
  return `${trim(scaled)}${units[unit]}`;
}

export function trim(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
}

/** Over-commit ratios keep their two decimals (4.25 must not read as 4.3). */
export function ratio(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Pads or cuts a cell to exactly `width` cells (an ellipsis marks a cut). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const cut = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
  return align === 'right' ? cut.padStart(width) : cut.padEnd(width);
}
