import { EdgekitError, type ErrorKind, issueSummary } from '@edgekit/common';
import type * as z from 'zod';
/**
 * The one error tree of the placement engine. Every bad input becomes a `PlacementInputError` that names the
 * offending field (`path`) and says how to fix it (`hint`); callers branch on `code`.
 */
export type PlacementErrorCode =
  | 'invalid-input'
  | 'dimension-mismatch'
  | 'item-too-large'
  | 'bad-conflict'
  | 'unknown-reference'
  | 'contradictory-constraints'
  | 'bad-bundle'
  | 'exact-solver-failed';

export class PlacementError extends EdgekitError {
  override name: string = 'PlacementError';
  constructor(
    readonly code: PlacementErrorCode,
    message: string,
    readonly path: string,
    readonly hint: string,
  ) {
    super(`${message} (at ${path || '<root>'}). ${hint}`);
  }

  /** Bad input, except when the exact solver itself failed (a bug or a solver limit). */
  override get kind(): ErrorKind {
    return this.code === 'exact-solver-failed' ? 'internal' : 'usage';
  }
}

export class PlacementInputError extends PlacementError {
  override name = 'PlacementInputError';
}

export class ExactSolverError extends PlacementError {
  override name = 'ExactSolverError';
}

/** The factory every module uses, so messages keep one shape. */
export function placementError(
  code: PlacementErrorCode,
  message: string,
  path: string,
  hint: string,
): PlacementError {
  return code === 'exact-solver-failed'
    ? new ExactSolverError(code, message, path, hint)
    : new PlacementInputError(code, message, path, hint);
}

/** Turns a zod issue list into one input error naming the first bad field. */
export function fromZodIssues(what: string, issues: readonly z.core.$ZodIssue[]): PlacementError {
  // The path goes in its own field (the message ends with "at <path>"), in zod's notation.
  const { path, text } = issueSummary(issues);
  return placementError(
    'invalid-input',
    `${what}: ${text}`,
    path,
    `Fix the ${what} field named in the path; see the schema in the edge-core README.`,
  );
}
