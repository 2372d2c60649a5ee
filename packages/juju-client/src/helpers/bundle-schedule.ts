import { JujuBundleError } from '../core/errors.js';
import type { BundleChangesMapArgs } from '../schemas/generated.js';

/**
 * Runs changes (already in dependency order) with at most `limit` in flight, each starting as soon as
 * everything it `requires` has finished. With `limit` 1 this is exactly the given order. The first
 * failure stops new changes from starting; changes already running finish before it is thrown, so no
 * call is left half-observed.
 */
export async function runInDependencyOrder(
  changes: readonly BundleChangesMapArgs[],
  limit: number,
  run: (change: BundleChangesMapArgs, index: number) => Promise<void>,
): Promise<void> {
  const finished = new Set<string>();
  const pending = changes.map((change, index) => ({ change, index }));
  const running = new Map<string, Promise<void>>();
  let failure: { error: unknown } | undefined;
  const ready = (change: BundleChangesMapArgs) => (change.requires ?? []).every((id) => finished.has(id));
  while (failure === undefined && (pending.length > 0 || running.size > 0)) {
    for (let i = 0; i < pending.length && running.size < Math.max(1, limit); ) {
      const next = pending[i];
      if (next === undefined || !ready(next.change)) {
        i += 1;
        continue;
      }
      pending.splice(i, 1);
      const { change, index } = next;
      running.set(
        change.id,
        run(change, index).then(
          () => {
            finished.add(change.id);
            running.delete(change.id);
          },
          (error: unknown) => {
            failure ??= { error };
            running.delete(change.id);
          },
        ),
      );
      // With one slot, keep strict order: never start a later change before an earlier ready one ends.
      if (limit <= 1) break;
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  await Promise.all(running.values());
  if (failure !== undefined) throw failure.error;
  if (pending.length > 0)
    throw new JujuBundleError(
      `bundle changes ${pending.map((p) => p.change.id).join(', ')} wait on each other`,
    );
}
