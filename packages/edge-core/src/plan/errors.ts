import { EdgekitError, type ErrorKind } from '@edgekit/common';
/**
 * The error tree of edge-core's plan/apply side, declared as every package declares its errors (a class
 * with its name and `kind`): each carries a message naming what was wrong and, where there is one, a
 * `hint` saying how to fix it.
 */
export class EdgePlanError extends EdgekitError {
  override name = 'EdgePlanError';
  static override readonly kind: ErrorKind = 'usage';
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(message: string, options: { hint?: string; details?: unknown; cause?: unknown } = {}) {
    super(
      options.hint === undefined ? message : `${message} (${options.hint})`,
      'cause' in options ? { cause: options.cause } : {},
    );
    this.hint = options.hint;
    this.details = options.details;
  }

  /** The stable code without its `_error` suffix (`plan_input`), as edge-core has always named it. */
  get code(): string {
    return this.errorCode.replace(/_error$/, '');
  }
}

/** An input document that cannot be read: missing, not a regular file, or over the size limit. */
export class InputFileError extends EdgePlanError {
  override name = 'InputFileError';
}
/** A plan document that does not parse or does not match the schema. */
export class PlanFormatError extends EdgePlanError {
  override name = 'PlanFormatError';
}
/** A plan written by a newer (or unknown) version of edgekit. */
export class PlanVersionError extends EdgePlanError {
  override name = 'PlanVersionError';
}
/** Plan inputs that contradict each other (unknown host, role without a placement, ...). */
export class PlanInputError extends EdgePlanError {
  override name = 'PlanInputError';
  /** Bad input, except when it carries the engine's unplaced VMs: then the work is incomplete. */
  override get kind(): ErrorKind {
    return Array.isArray(this.details) ? 'incomplete' : 'usage';
  }
}
/** An inventory snapshot that cannot be read or taken. */
export class InventoryError extends EdgePlanError {
  override name = 'InventoryError';
  static override readonly kind: ErrorKind = 'refused';
}
/** The journal file is unreadable or belongs to another plan. */
export class JournalError extends EdgePlanError {
  override name = 'JournalError';
}
/** A step of apply failed in a way reconciliation could not resolve. */
export class ApplyStepError extends EdgePlanError {
  override name = 'ApplyStepError';
  static override readonly kind: ErrorKind = 'incomplete';
}
/** The live state contradicts the plan in a way apply must not paper over. */
export class DriftError extends EdgePlanError {
  override name = 'DriftError';
  static override readonly kind: ErrorKind = 'incomplete';
}
/** An upgrade edgekit will not plan: unhealthy model, skipped minor, unknown target (one line, exit 2). */
export class UpgradeRefusedError extends EdgePlanError {
  override name = 'UpgradeRefusedError';
}
