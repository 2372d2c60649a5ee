/**
 * Sizes as people write them. Juju constraints and MAAS use binary units with single letters
 * (`mem=8G` is 8 GiB, `root-disk=16G` is 16 GiB); we accept those, the explicit `GiB`/`MiB` spellings, and
 * plain numbers in the field's own unit (MiB for memory, bytes for disks).
 */
const UNIT_FACTORS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 2 ** 10,
  kib: 2 ** 10,
  m: 2 ** 20,
  mib: 2 ** 20,
  g: 2 ** 30,
  gib: 2 ** 30,
  t: 2 ** 40,
  tib: 2 ** 40,
  p: 2 ** 50,
  pib: 2 ** 50,
};

/** Parses "16G", "512MiB", "1.5T" or "4096" into bytes; `plainUnitBytes` is the unit of a bare number. */
export function parseSize(text: string, plainUnitBytes: number): number | null {
  // Trim first: `\s*` on both sides of an optional unit made the regex quadratic on long runs of spaces.
  const match = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  if (unit === '') return value * plainUnitBytes;
  const factor = UNIT_FACTORS[unit] ?? UNIT_FACTORS[unit.replace(/b$/, '')];
  return factor === undefined ? null : value * factor;
}

export const MIB = 2 ** 20;
export const GIB = 2 ** 30;
