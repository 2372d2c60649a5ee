import {
  type ConstraintsValue,
  formatConstraints,
  JujuInputError,
  parseConstraints,
} from '@edgekit/juju-client';
import { PlanInputError } from '../plan/errors.js';

/**
 * Juju's constraint grammar has one home, `@edgekit/juju-client`'s `parseConstraints`/`formatConstraints`.
 * This module only maps it to what edge-core sizes: a zero is Juju's "no constraint", so it reads as
 * absent here and the caller's default applies.
 */
export interface ConstraintSizes {
  cores?: number;
  memMiB?: number;
  rootDiskMiB?: number;
  tags?: string[];
  zones?: string[];
}

/** The sizes (and tags, zones) a constraint string asks for; malformed is a `PlanInputError` naming `where`. */
export function constraintSizes(text: string, where: string): ConstraintSizes {
  let value: ConstraintsValue;
  try {
    value = parseConstraints(text);
  } catch (error) {
    if (!(error instanceof JujuInputError)) throw error;
    throw new PlanInputError(`${where}: ${error.message}`, {
      cause: error,
      hint: 'write constraints as Juju does, e.g. cores=2 mem=8G root-disk=16G',
    });
  }
  const sizes: ConstraintSizes = {};
  if (value.cores) sizes.cores = value.cores;
  if (value.mem) sizes.memMiB = value.mem;
  if (value['root-disk']) sizes.rootDiskMiB = value['root-disk'];
  if (value.tags) sizes.tags = value.tags;
  if (value.zones) sizes.zones = value.zones;
  return sizes;
}

/** The constraint string of a VM of these sizes, with tags and zones only when there are some. */
export function constraintsText(sizes: {
  cores: number;
  memMiB: number;
  rootDiskMiB: number;
  tags?: string[];
  zones?: string[];
}): string {
  return formatConstraints({
    cores: sizes.cores,
    mem: sizes.memMiB,
    'root-disk': sizes.rootDiskMiB,
    ...(sizes.tags !== undefined && sizes.tags.length > 0 ? { tags: sizes.tags } : {}),
    ...(sizes.zones !== undefined && sizes.zones.length > 0 ? { zones: sizes.zones } : {}),
  });
}
