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

/** Size suffixes in MiB, as Juju parses them (no suffix means MiB). */
const UNITS: Record<string, number> = { M: 1, G: 1024, T: 1024 ** 2, P: 1024 ** 3 };

/**
 * Parses a Juju constraint string (`cores=2 mem=8G root-disk=16G tags=virtual,^gpu zones=a,b`) into
 * the wire `Value`: sizes in MiB, lists split on commas (negations such as `^gpu` kept as Juju sends them).
 */
export function parseConstraints(text: string): Value {
  const value: Record<string, unknown> = {};
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=');
    if (eq <= 0)
      throw new JujuInputError(`malformed constraint "${token}": expected key=value (e.g. mem=8G)`);
    const key = token.slice(0, eq);
    const raw = token.slice(eq + 1);
    const kind = KEYS[key];
    if (!kind) {
      throw new JujuInputError(
        `unknown constraint "${key}" in "${text}"; known: ${Object.keys(KEYS).join(', ')}`,
      );
    }
    if (key in value) throw new JujuInputError(`constraint "${key}" given twice in "${text}"`);
    value[key] = decodeValue(key, kind, raw);
  }
  return value as Value;
}

function decodeValue(key: string, kind: Kind, raw: string): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'list':
      return raw === '' ? [] : raw.split(',');
    case 'bool':
      if (raw !== 'true' && raw !== 'false')
        throw new JujuInputError(`${key} must be true or false, not "${raw}"`);
      return raw === 'true';
    case 'int': {
      if (!/^\d+$/.test(raw)) throw new JujuInputError(`${key} must be a whole number, not "${raw}"`);
      return Number(raw);
    }
    case 'size': {
      const match = /^(\d+(?:\.\d+)?)([MGTP]?)$/.exec(raw);
      if (!match) throw new JujuInputError(`${key} must be a size like 512M, 8G or 1.5T, not "${raw}"`);
      return Math.ceil(Number(match[1]) * (UNITS[match[2] || 'M'] ?? 1));
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
