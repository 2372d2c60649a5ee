import type { BundleChangesMapArgs } from '../schemas/generated.js';

/** The one mutating call a bundle change makes, as hooks (journals, dry runs, progress) see it. */
export interface BundleCall {
  /** `Application`, `Charms`, `MachineManager`, `Annotations`. */
  facade: string;
  /** `Deploy`, `AddCharm`, `AddUnits`, … */
  method: string;
  /** The call's parameters with every `$id` reference already substituted. */
  params: unknown;
}

/** A change with what it acts on, references resolved: `etcd`, `etcd:0` (a unit of etcd on machine 0). */
export interface BundleStep {
  change: BundleChangesMapArgs;
  /** deploy/expose/setOptions: the application; addCharm: the charm; addUnit: `app:machine`; addRelation: both endpoints. */
  subject: string;
}

/**
 * How a change ended:
 *  - `done`: its call was made now (`note` says when an "already exists" answer was taken as success);
 *  - `skipped`: FullStatus (or the `known` hook) shows it done, no call was made;
 *  - `planned`: a dry run described the call and did not make it;
 *  - `failed`: the call (or preparing it) threw `error`; the deployment stops after in-flight changes end.
 */
export type BundleOutcome =
  | { status: 'done'; result: string; note?: string }
  | { status: 'skipped'; result: string; reason: string }
  | { status: 'planned'; result: string }
  | { status: 'failed'; error: unknown };

/**
 * What a caller that journals or reconciles (edge-core's apply) plugs into the one bundle executor.
 * Every hook is optional; a hook that throws stops the deployment like a failed change.
 */
export interface BundleHooks {
  /**
   * Consulted first for every change: a result the caller already knows, so the change is taken as
   * done without looking at the model or calling (a machine another step made and pinned, a change
   * the caller does not want made). The change is reported `skipped` with `reason`.
   */
  known?(
    change: BundleChangesMapArgs,
    changes: readonly BundleChangesMapArgs[],
  ): { result: string; reason: string } | undefined;
  /** Just before the change's call is made (or, in a dry run, described): the place to journal intent. */
  before?(step: BundleStep, call: BundleCall): void;
  /** After every change, whatever became of it: the place to journal the outcome. */
  after?(step: BundleStep, outcome: BundleOutcome): void;
}
