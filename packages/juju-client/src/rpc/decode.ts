import type * as z from 'zod';
import { JujuValidationError } from '../core/errors.js';
import { FAIL, fastChecker } from '../schemas/fast.js';

/**
 * Parses a reply once, at the edge; a mismatch becomes a JujuValidationError naming facade and method.
 * `value` must be freshly parsed JSON owned by the caller: the fast path normalises it in place.
 */
export function decode<T>(schema: z.ZodType<T, unknown>, value: unknown, facade: string, method: string): T {
  const fast = fastChecker(schema);
  if (fast) {
    const decoded = fast(value);
    if (decoded !== FAIL) return decoded as T;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new JujuValidationError(facade, method, parsed.error.issues);
  return parsed.data;
}
