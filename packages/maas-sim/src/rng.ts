/** Small seeded PRNG (mulberry32) so sites, ids and probabilistic faults are reproducible from `seed`. */
export type Rng = () => number;

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomString(rng: Rng, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}

// MAAS system ids avoid look-alike characters.
const SYSTEM_ID_ALPHABET = 'abcdefghjkmnpqrstuvwxy3456789';
export const systemIdFrom = (rng: Rng): string => randomString(rng, 6, SYSTEM_ID_ALPHABET);

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const keyPartFrom = (rng: Rng, length: number): string => randomString(rng, length, KEY_ALPHABET);
