import { z } from 'zod';

/**
 * The one way a zod failure becomes text in edgekit: `path: message` for the first issue (paths as zod
 * writes them, `a.b[0]["c d"]`), then how many more there are. One line, so it fits an error message.
 */
export function issuesLine(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (first === undefined) return 'invalid';
  const path = first.path.length === 0 ? '(root)' : z.core.toDotPath(first.path);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${path}: ${first.message}${more}`;
}
