import { badRequest } from '../errors.js';

/** One entry of `label:sizeGB(tag,tag)`; the first entry is the root disk. */
export interface DiskRequest {
  label: string;
  sizeGb: number;
  tags: string[];
}

/** Parses the compose/allocate `storage` constraint (sizes in GB, 10^9 bytes). */
export function parseStorageSpec(spec: string, field = 'storage'): DiskRequest[] {
  const out: DiskRequest[] = [];
  // Commas separate disks but also tags inside parentheses, so split only at depth 0.
  let depth = 0;
  let current = '';
  const parts: string[] = [];
  for (const ch of spec) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current);
  parts.forEach((raw, index) => {
    const match = /^\s*(?:([\w-]+):)?(\d+(?:\.\d+)?)(?:\(([^)]*)\))?\s*$/.exec(raw);
    if (!match) throw badRequest({ [field]: [`Malformed storage constraint, "${raw.trim()}".`] });
    const sizeGb = Number(match[2]);
    // A disk of no size cannot be composed or matched; MAAS's drivers fail on it later, the sim says so here.
    if (!(sizeGb > 0) || !Number.isFinite(sizeGb)) {
      throw badRequest({ [field]: [`Storage size must be greater than 0 GB, "${raw.trim()}".`] });
    }
    out.push({
      label: match[1] ?? (index === 0 ? 'root' : `disk${index}`),
      sizeGb,
      tags: (match[3] ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    });
  });
  return out;
}

export const GB = 1_000_000_000;
