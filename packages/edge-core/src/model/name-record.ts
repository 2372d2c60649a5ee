import type * as z from 'zod';

/** Adds an issue for each name used twice in `items` (two VMs named alike would become one machine). */
export function refineUniqueNames(
  items: readonly { name: string }[],
  path: string,
  what: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.name)) {
      ctx.addIssue({
        code: 'custom',
        path: [path, index, 'name'],
        message: `${what} "${item.name}" is given twice; names must be unique`,
      });
    }
    seen.add(item.name);
  });
}
