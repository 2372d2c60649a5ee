import type { z } from 'zod';
import { JujuValidationError } from '../core/errors.js';

/** Parses a reply once, at the edge; a mismatch becomes a JujuValidationError naming facade and method. */
export function decode<T>(schema: z.ZodType<T, unknown>, value: unknown, facade: string, method: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new JujuValidationError(facade, method, parsed.error.issues);
  return parsed.data;
}
