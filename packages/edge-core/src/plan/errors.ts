import { EdgekitError, type ErrorKind } from '@edgekit/common';
/**
 * The error tree of edge-core's plan/apply side, built by one factory so every error carries a stable
 * `code`, a message naming what was wrong, and (where there is one) a `hint` saying how to fix it.
 */
export class EdgePlanError extends EdgekitError {
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: unknown;

  /**
   * The failure's kind, for reporters such as the CLI (its exit code follows from it): a plan input that
   * carries the engine's unplaced VMs, a failed apply step or drift left work incomplete; an inventory
   * that could not be read was refused; every other plan error is bad input.
   */
  override get kind(): ErrorKind {
    if (this.code === 'plan_input' && Array.isArray(this.details)) return 'incomplete';
    if (this.code === 'apply_step' || this.code === 'drift') return 'incomplete';
    if (this.code === 'inventory') return 'refused';
    return 'usage';
  }

  constructor(
    code: string,
    message: string,
    options: { hint?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(
      options.hint === undefined ? message : `${message} (${options.hint})`,
      'cause' in options ? { cause: options.cause } : {},
    );
    this.name = 'EdgePlanError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }
}

type ErrorOptions = { hint?: string; details?: unknown; cause?: unknown };
type ErrorClass = new (message: string, options?: ErrorOptions) => EdgePlanError;

function defineError(name: string, code: string): ErrorClass {
  const cls = class extends EdgePlanError {
    constructor(message: string, options: ErrorOptions = {}) {
      super(code, message, options);
      this.name = name;
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** An input document that cannot be read: missing, not a regular file, or over the size limit. */
export const InputFileError = defineError('InputFileError', 'input_file');
/** A plan document that does not parse or does not match the schema. */
export const PlanFormatError = defineError('PlanFormatError', 'plan_format');
/** A plan written by a newer (or unknown) version of edgekit. */
export const PlanVersionError = defineError('PlanVersionError', 'plan_version');
/** Plan inputs that contradict each other (unknown host, role without a placement, ...). */
export const PlanInputError = defineError('PlanInputError', 'plan_input');
/** An inventory snapshot that cannot be read or taken. */
export const InventoryError = defineError('InventoryError', 'inventory');
/** The journal file is unreadable or belongs to another plan. */
export const JournalError = defineError('JournalError', 'journal');
/** A step of apply failed in a way reconciliation could not resolve. */
export const ApplyStepError = defineError('ApplyStepError', 'apply_step');
/** The live state contradicts the plan in a way apply must not paper over. */
export const DriftError = defineError('DriftError', 'drift');

export type PlanFormatError = InstanceType<typeof PlanFormatError>;
export type PlanVersionError = InstanceType<typeof PlanVersionError>;
export type PlanInputError = InstanceType<typeof PlanInputError>;
export type InventoryError = InstanceType<typeof InventoryError>;
export type JournalError = InstanceType<typeof JournalError>;
export type ApplyStepError = InstanceType<typeof ApplyStepError>;
export type DriftError = InstanceType<typeof DriftError>;
/** An upgrade edgekit will not plan: unhealthy model, skipped minor, unknown target (one line, exit 2). */
export const UpgradeRefusedError = defineError('UpgradeRefusedError', 'upgrade_refused');
export type UpgradeRefusedError = InstanceType<typeof UpgradeRefusedError>;
