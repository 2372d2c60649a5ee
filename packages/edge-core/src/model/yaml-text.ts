import { EdgekitError, type ErrorKind } from '@edgekit/common';
import { parseAllDocuments } from 'yaml';
import { type PlacementErrorCode, placementError } from '../placement/errors.js';

/** YAML (or JSON) input that is not acceptable: a syntax error, an unknown tag, an undefined alias. */
export class YamlInputError extends EdgekitError {
  override name = 'YamlInputError';
  static override readonly kind: ErrorKind = 'usage';
}

/**
 * The one YAML parser for documents edgekit reads. Errors and warnings (an unresolved `!tag`, say) are one
 * line each and fail the read: the `yaml` package would otherwise print a multi-line Node warning on stderr
 * and carry on with a half-understood document. Aliases are expanded at most 100 times (billion laughs).
 */
export function parseYamlDocuments(text: string): unknown[] {
  const values: unknown[] = [];
  const documents = parseAllDocuments(text, { prettyErrors: false });
  if (!Array.isArray(documents)) return values; // an empty stream
  for (const document of documents) {
    const problem = document.errors[0] ?? document.warnings[0];
    if (problem) throw new YamlInputError(firstLine(problem.message));
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      throw new YamlInputError(firstLine(error instanceof Error ? error.message : String(error)));
    }
    refuseProtoKeys(value);
    values.push(value);
  }
  return values;
}

/** A single YAML document (null when the text is empty). */
export function parseYamlText(text: string): unknown {
  const documents = parseYamlDocuments(text);
  if (documents.length > 1) throw new YamlInputError(`expected one YAML document, found ${documents.length}`);
  return documents[0] ?? null;
}

/** Parses YAML text, turning a syntax error into a typed input error that says what the text was. */
export function readYaml(text: string, what: string, code: PlacementErrorCode, hint: string): unknown {
  try {
    return parseYamlText(text);
  } catch (error) {
    throw placementError(code, `${what} is not YAML: ${(error as Error).message}`, '', hint);
  }
}

/**
 * Names come from keys (applications, roles, machines), and a `__proto__` key would vanish: zod's record
 * drops it and assigning it sets the prototype. It is never a valid name, so a document holding one is
 * refused, naming where. Iterative, so a deeply nested document cannot exhaust the stack.
 */
function refuseProtoKeys(root: unknown): void {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  const seen = new WeakSet<object>(); // an alias shares its anchor's object: look at it once
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Object.hasOwn(value, '__proto__')) {
      throw new YamlInputError(
        `key "__proto__"${path ? ` under ${path}` : ''} is not allowed: it cannot be a name`,
      );
    }
    for (const [key, inner] of Object.entries(value))
      stack.push({ value: inner, path: path ? `${path}.${key}` : key });
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
