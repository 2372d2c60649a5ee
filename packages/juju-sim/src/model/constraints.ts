import { notValid } from '../rpc/errors.js';

/** Juju's `constraints.Value` as it travels on the wire (mem and root-disk in MiB). */
export interface Constraints {
  arch?: string;
  cores?: number;
  mem?: number;
  'root-disk'?: number;
  tags?: string[];
  spaces?: string[];
  zones?: string[];
  'instance-type'?: string;
  'virt-type'?: string;
  'cpu-power'?: number;
  container?: string;
  'image-id'?: string;
}

const SIZE_SUFFIX: Record<string, number> = { M: 1, G: 1024, T: 1024 * 1024, P: 1024 * 1024 * 1024 };
const LIST_KEYS = new Set(['tags', 'spaces', 'zones']);
const SIZE_KEYS = new Set(['mem', 'root-disk']);
const COUNT_KEYS = new Set(['cores', 'cpu-power']);
const STRING_KEYS = new Set(['arch', 'instance-type', 'virt-type', 'container', 'image-id']);

/** Go's ParseFloat of a non-negative decimal, times the suffix, rounded up; empty is 0 (as in Juju). */
function parseSize(key: string, raw: string): number {
  if (raw === '') return 0;
  const match = /^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([MGTP]?)$/.exec(raw);
  const mib = match ? Math.ceil(Number(match[1]) * (SIZE_SUFFIX[match[2] || 'M'] ?? 1)) : Number.NaN;
  if (!Number.isSafeInteger(mib))
    throw notValid(`bad "${key}" constraint: must be a non-negative float with optional M/G/T/P suffix`);
  return mib;
}

/** Parses the CLI/bundle form `cores=2 mem=8G root-disk=16G tags=virtual,^gpu zones=edge-a`. */
export function parseConstraints(text: string): Constraints {
  const out: Record<string, unknown> = {};
  for (const part of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw notValid(`malformed constraint ${JSON.stringify(part)}`);
    const key = part.slice(0, eq);
    const raw = part.slice(eq + 1);
    if (Object.hasOwn(out, key)) throw notValid(`bad "${key}" constraint: already set`);
    if (LIST_KEYS.has(key)) out[key] = raw === '' ? [] : raw.split(',');
    else if (SIZE_KEYS.has(key)) out[key] = parseSize(key, raw);
    else if (COUNT_KEYS.has(key)) {
      // strconv.ParseUint: decimal digits only; an empty value is 0 (no constraint).
      if (raw !== '' && !(/^\d+$/.test(raw) && Number.isSafeInteger(Number(raw))))
        throw notValid(`bad "${key}" constraint: must be a non-negative integer`);
      out[key] = raw === '' ? 0 : Number(raw);
    } else if (STRING_KEYS.has(key)) out[key] = raw;
    else throw notValid(`unknown constraint ${JSON.stringify(key)}`);
  }
  return out as Constraints;
}

/** Validates a wire `constraints.Value` object and drops zero values, as Go's omitempty does. */
export function constraintsFromWire(value: unknown): Constraints {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw notValid('constraints: expected an object');
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (raw === undefined || raw === null || raw === '' || raw === 0) continue;
    if (LIST_KEYS.has(key)) {
      if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) {
        throw notValid(`constraints.${key}: expected a list of strings`);
      }
      out[key] = raw;
    } else if (SIZE_KEYS.has(key) || COUNT_KEYS.has(key)) {
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0)
        throw notValid(`constraints.${key}: expected a non-negative number`);
      out[key] = raw;
    } else if (STRING_KEYS.has(key)) {
      if (typeof raw !== 'string') throw notValid(`constraints.${key}: expected a string`);
      out[key] = raw;
    } else if (key !== 'allocate-public-ip' && key !== 'root-disk-source' && key !== 'instance-role') {
      throw notValid(`unknown constraint ${JSON.stringify(key)}`);
    }
  }
  return out as Constraints;
}

/** Renders constraints the way `juju status` and FullStatus show them (`cores=2 mem=8192M root-disk=16384M`). */
export function formatConstraints(value: Constraints): string {
  const parts: string[] = [];
  const mib = (n: number) => `${n}M`;
  if (value.arch) parts.push(`arch=${value.arch}`);
  if (value.container) parts.push(`container=${value.container}`);
  if (value.cores !== undefined) parts.push(`cores=${value.cores}`);
  if (value['cpu-power'] !== undefined) parts.push(`cpu-power=${value['cpu-power']}`);
  if (value['image-id']) parts.push(`image-id=${value['image-id']}`);
  if (value['instance-type']) parts.push(`instance-type=${value['instance-type']}`);
  if (value.mem !== undefined) parts.push(`mem=${mib(value.mem)}`);
  if (value['root-disk'] !== undefined) parts.push(`root-disk=${mib(value['root-disk'])}`);
  if (value.spaces?.length) parts.push(`spaces=${value.spaces.join(',')}`);
  if (value.tags?.length) parts.push(`tags=${value.tags.join(',')}`);
  if (value['virt-type']) parts.push(`virt-type=${value['virt-type']}`);
  if (value.zones?.length) parts.push(`zones=${value.zones.join(',')}`);
  return parts.join(' ');
}
