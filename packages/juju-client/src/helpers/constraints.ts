import { JujuInputError } from '../core/errors.js';
import type { Value } from '../schemas/generated.js';

type Kind = 'string' | 'int' | 'size' | 'list' | 'bool';

/** Juju's constraint keys (core/constraints) and how each is encoded on the wire. */
const KEYS: Record<string, Kind> = {
  arch: 'string',
  container: 'string',
  cores: 'int',
  'cpu-power': 'int',
  mem: 'size',
  'root-disk': 'size',
  'root-disk-source': 'string',
  tags: 'list',
  spaces: 'list',
  zones: 'list',
  'virt-type': 'string',
  'instance-type': 'string',
  'instance-role': 'string',
  'image-id': 'string',
  'allocate-public-ip': 'bool',
};

/** Old names Juju still accepts (core/constraints: `cpu-cores` became `cores`). */
const ALIASES: Record<string, string> = { 'cpu-cores': 'cores' };

/** Architectures Juju recognises (core/arch AllSupportedArches); empty means unset. */
const ARCHES = new Set(['', 'amd64', 'arm64', 'ppc64el', 's390x', 'riscv64']);

/** Size suffixes in MiB, as Juju parses them (no suffix means MiB). */
const UNITS: Record<string, number> = { M: 1, G: 1024, T: 1024 ** 2, P: 1024 ** 3 };

/**
 * Parses a Juju constraint string (`cores=2 mem=8G root-disk=16G tags=virtual,^gpu zones=a,b`) into
 * the wire `Value`, with Juju's grammar (core/constraints): integers are unsigned decimal digits, sizes a
 * non-negative decimal with an optional M/G/T/P suffix (MiB when none, rounded up), lists split on commas
 * (negations such as `^gpu` kept as Juju sends them); an empty value sets the zero value (`cores=` is 0,
 * `tags=` the empty list), which Juju reads as "no constraint". Anything else is a `JujuInputError`
 * naming the token.
 */
export function parseConstraints(text: string): Value {
  const value: Record<string, unknown> = {};
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=');
    if (eq <= 0)
      throw new JujuInputError(`malformed constraint "${token}": expected key=value (e.g. mem=8G)`);
    const key = ALIASES[token.slice(0, eq)] ?? token.slice(0, eq);
    const raw = token.slice(eq + 1);
    const kind = Object.hasOwn(KEYS, key) ? KEYS[key] : undefined;
    if (!kind) {
      throw new JujuInputError(
        `unknown constraint "${key}" in "${text}"; known: ${Object.keys(KEYS).join(', ')}`,
      );
    }
    if (key in value) throw new JujuInputError(`constraint "${key}" given twice in "${text}"`);
    value[key] = decodeValue(key, kind, raw, token);
  }
  return value as Value;
}

function decodeValue(key: string, kind: Kind, raw: string, token: string): unknown {
  switch (kind) {
    case 'string':
      if (key === 'arch' && !ARCHES.has(raw)) {
        throw new JujuInputError(
          `bad constraint "${token}": arch must be one of ${[...ARCHES].filter(Boolean).join(', ')}`,
        );
      }
      return raw;
    case 'list':
      return raw === '' ? [] : raw.split(',');
    case 'bool':
      if (raw !== 'true' && raw !== 'false')
        throw new JujuInputError(`bad constraint "${token}": ${key} must be true or false`);
      return raw === 'true';
    case 'int': {
      if (raw === '') return 0;
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
        throw new JujuInputError(`bad constraint "${token}": ${key} must be a non-negative whole number`);
      }
      return value;
    }
    case 'size': {
      if (raw === '') return 0;
      const match = /^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([MGTP]?)$/.exec(raw);
      const mib = match ? Math.ceil(Number(match[1]) * (UNITS[match[2] || 'M'] ?? 1)) : Number.NaN;
      if (!Number.isSafeInteger(mib)) {
        throw new JujuInputError(
          `bad constraint "${token}": ${key} must be a non-negative size with an optional M/G/T/P suffix (e.g. 512M, 8G, 1.5T)`,
        );
      }
      return mib;
    }
  }
}

/** Formats a wire `Value` back into Juju's constraint string, sizes in the largest exact unit. */
export function formatConstraints(value: Value): string {
  const parts: string[] = [];
  for (const [key, kind] of Object.entries(KEYS)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || v === null) continue;
    if (kind === 'list') parts.push(`${key}=${(v as string[]).join(',')}`);
    else if (kind === 'size') parts.push(`${key}=${formatSize(v as number)}`);
    else parts.push(`${key}=${String(v)}`);
  }
  return parts.join(' ');
}

function formatSize(mib: number): string {
  for (const unit of ['P', 'T', 'G'] as const) {
    const factor = UNITS[unit] ?? 1;
    if (mib !== 0 && mib % factor === 0) return `${mib / factor}${unit}`;
  }
  return `${mib}M`;
}
