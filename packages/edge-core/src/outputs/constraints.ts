import { PlanInputError } from '../plan/errors.js';

/**
 * Juju constraint strings (`cores=2 mem=8G root-disk=16G tags=a,b zones=z1`), as bundles and the CLI
 * write them. Sizes are MiB on the wire; the suffixes M, G, T, P scale by 1024 (juju constraints package).
 */
export interface JujuConstraints {
  cores?: number;
  memMiB?: number;
  rootDiskMiB?: number;
  tags?: string[];
  zones?: string[];
  arch?: string;
}

const SIZE_SUFFIX: Record<string, number> = { M: 1, G: 1024, T: 1024 * 1024, P: 1024 * 1024 * 1024 };

function parseSize(key: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)([MGTP]?)$/.exec(value);
  if (match === null) {
    throw new PlanInputError(`constraint ${key}=${value} is not a size`, { hint: 'write e.g. 8G or 8192M' });
  }
  return Math.ceil(Number(match[1]) * (SIZE_SUFFIX[match[2] || 'M'] ?? 1));
}

export function parseConstraints(text: string): JujuConstraints {
  const result: JujuConstraints = {};
  for (const item of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new PlanInputError(`constraint "${item}" is not key=value`);
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    switch (key) {
      case 'cores':
        result.cores = Number.parseInt(value, 10);
        break;
      case 'mem':
        result.memMiB = parseSize(key, value);
        break;
      case 'root-disk':
        result.rootDiskMiB = parseSize(key, value);
        break;
      case 'tags':
        result.tags = value.split(',').filter(Boolean);
        break;
      case 'zones':
        result.zones = value.split(',').filter(Boolean);
        break;
      case 'arch':
        result.arch = value;
        break;
      default:
        // Other keys (spaces, virt-type, ...) do not change what is composed; keep parsing.
        break;
    }
  }
  return result;
}

function formatSize(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024}G` : `${mib}M`;
}

export function formatConstraints(constraints: JujuConstraints): string {
  const parts: string[] = [];
  if (constraints.arch !== undefined) parts.push(`arch=${constraints.arch}`);
  if (constraints.cores !== undefined) parts.push(`cores=${constraints.cores}`);
  if (constraints.memMiB !== undefined) parts.push(`mem=${formatSize(constraints.memMiB)}`);
  if (constraints.rootDiskMiB !== undefined) parts.push(`root-disk=${formatSize(constraints.rootDiskMiB)}`);
  if (constraints.tags !== undefined && constraints.tags.length > 0)
    parts.push(`tags=${constraints.tags.join(',')}`);
  if (constraints.zones !== undefined && constraints.zones.length > 0)
    parts.push(`zones=${constraints.zones.join(',')}`);
  return parts.join(' ');
}
