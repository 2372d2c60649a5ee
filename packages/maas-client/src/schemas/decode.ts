import { issuePath, noSecrets, type Redactor } from '@edgekit/common';
import type * as z from 'zod';
import type { MaasValidationIssue } from '../errors/errors.js';
import { createMaasError } from '../errors/factory.js';
import { fastValidator, loadFastValidation } from './fast-validate.js';

function describeExpected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'one of the accepted shapes';
    default:
      return issue.code.replace(/_/g, ' ');
  }
}

/**
 * Parses JSON text and validates it once; failures name the endpoint, the field and what was expected.
 * A long list takes the compiled fast check once ajv has loaded (the first one starts the load and is
 * checked by zod); `decodeAnswer`, the client's own path, waits for the load instead.
 */
export function decode<S extends z.ZodType>(
  schema: S,
  text: string,
  endpoint: string,
  redactor: Redactor = noSecrets,
): z.output<S> {
  return validate(schema, parseJson(text, endpoint, redactor), endpoint);
}

/** `decode` for an answer the client received: a long list waits for the fast check to load. */
export async function decodeAnswer<S extends z.ZodType>(
  schema: S,
  text: string,
  endpoint: string,
  redactor: Redactor,
): Promise<z.output<S>> {
  const data = parseJson(text, endpoint, redactor);
  if (isLongList(data)) await loadFastValidation();
  return validate(schema, data, endpoint);
}

function parseJson(text: string, endpoint: string, redactor: Redactor): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Redact before cutting, so a credential the body quotes cannot survive half-cut; the head is enough.
    const quoted = redactor.redact(text.slice(0, 4096)).slice(0, 80);
    throw createMaasError.validation(
      endpoint,
      [{ field: '', expected: 'a JSON document', message: `got ${JSON.stringify(quoted)}` }],
      redactor,
    );
  }
}

/**
 * Lists at least this long take the compiled fast check. Compiling a schema costs more (the machine
 * schema: ~200 ms, measured in the TUI's start) than zod spends on a short list, and would sit on the
 * critical path of every first read; on a long list the compile is repaid many times over.
 */
const FAST_PATH_MIN_ITEMS = 200;

function isLongList(data: unknown): boolean {
  return Array.isArray(data) && data.length >= FAST_PATH_MIN_ITEMS;
}

/**
 * Validates `data` and returns it as is (see `loose` in common.ts: validation strips nothing from the
 * caller's view because the original object, with every unknown field, is what comes back).
 */
export function validate<S extends z.ZodType>(schema: S, data: unknown, endpoint: string): z.output<S> {
  if (isLongList(data) && fastValidator(schema)?.(data)) return data as z.output<S>;
  const result = schema.safeParse(data);
  if (result.success) return data as z.output<S>;
  const issues: MaasValidationIssue[] = result.error.issues.map((issue) => ({
    field: issuePath(issue.path),
    expected: describeExpected(issue),
    message: issue.message,
  }));
  throw createMaasError.validation(endpoint, issues);
}
