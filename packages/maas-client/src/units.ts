/** Unit-carrying aliases: MAAS mixes MiB, bytes, MB and GB across fields (docs/maas-api.md §0). */
export type MiB = number;
export type Bytes = number;
/** Decimal megabytes (10^6 bytes), as in machine `storage`. */
export type MB = number;
/** Decimal gigabytes (10^9 bytes), as compose/allocate storage sizes take them. */
export type GB = number;
export type MHz = number;

export const BYTES_PER_MIB = 1024 * 1024;
export const BYTES_PER_MB = 1_000_000;
export const BYTES_PER_GB = 1_000_000_000;

/** Machine `storage` is a float in MB (10^6): this returns whole bytes. */
export function machineStorageBytes(machine: { storage: MB }): Bytes {
  return Math.round(machine.storage * BYTES_PER_MB);
}

export function mibToBytes(mib: MiB): Bytes {
  return mib * BYTES_PER_MIB;
}

export function bytesToGB(bytes: Bytes): GB {
  return bytes / BYTES_PER_GB;
}
