import { createMaasError } from '../errors/factory.js';
import type { GB } from '../units.js';

/** One disk of an allocate/compose `storage` constraint: `label:size(tag,tag)`. */
export interface StorageRequest {
  /** Alphanumeric label; the first entry is the root disk. */
  label?: string | undefined;
  /** Decimal gigabytes (10^9 bytes), as MAAS takes them. */
  sizeGB: GB;
  /** Disk tags (allocate) or, for compose, a storage-pool name / pool tags. */
  tags?: readonly string[] | undefined;
}

const LABEL = /^[A-Za-z0-9_-]+$/;
const TAG = /^[^,():\s]+$/;
/** MAAS reads a size with `[0-9.]+` (forms storage regex): plain decimals only, never `1e-7` or `1e+21`. */
const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/** Builds `root:20(ssd),data:100(hdd,raid)` and rejects what MAAS would misparse. */
export function buildStorageSpec(disks: readonly StorageRequest[]): string {
  if (disks.length === 0)
    throw createMaasError.input('storage: give at least one disk (the first is the root disk).');
  return disks
    .map((disk, i) => {
      const where = `storage[${i}]`;
      if (!(Number.isFinite(disk.sizeGB) && disk.sizeGB > 0 && PLAIN_DECIMAL.test(String(disk.sizeGB)))) {
        throw createMaasError.input(
          `${where}.sizeGB must be a positive number of GB (10^9 bytes) MAAS can read as a plain decimal, got ${disk.sizeGB}.`,
        );
      }
      if (disk.label !== undefined && !LABEL.test(disk.label)) {
        throw createMaasError.input(
          `${where}.label "${disk.label}" may only hold letters, digits, "-" and "_".`,
        );
      }
      for (const tag of disk.tags ?? []) {
        if (!TAG.test(tag)) {
          throw createMaasError.input(
            `${where}.tags: "${tag}" must not contain commas, parentheses, colons or spaces.`,
          );
        }
      }
      const tags = disk.tags?.length ? `(${disk.tags.join(',')})` : '';
      return `${disk.label !== undefined ? `${disk.label}:` : ''}${disk.sizeGB}${tags}`;
    })
    .join(',');
}
