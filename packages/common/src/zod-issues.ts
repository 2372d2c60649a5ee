import type * as z from 'zod';
// From zod's core entry, not `z.core.toDotPath`: reaching through the `core` namespace object keeps all of
// zod's locales (~360 KB) in every bundle that formats an issue.
import { toDotPath } from 'zod/v4/core';

/**
 * The one way a zod failure becomes text in edgekit. `issueSummary` gives the first issue's path in zod's
 * own notation (`a.b[0]["c d"]`, empty at the root) and its message with how many more issues there are;
 * `issuesLine` joins them as `path: message` on one line, so it fits an error message.
 */
export function issueSummary(issues: readonly z.core.$ZodIssue[]): { path: string; text: string } {
  const first = issues[0];
  if (first === undefined) return { path: '', text: 'invalid' };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return { path: issuePath(first.path), text: `${first.message}${more}` };
}

/** A zod issue path in zod's notation (`[3].interface_set[0].vlan.vid`), empty at the root. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '' : toDotPath([...path]);
}

export function issuesLine(issues: readonly z.core.$ZodIssue[]): string {
  const { path, text } = issueSummary(issues);
  return `${path || '(root)'}: ${text}`;
}
