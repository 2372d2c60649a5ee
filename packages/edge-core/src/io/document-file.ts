import { issuesLine } from '@edgekit/common';
import { stringify as stringifyYaml } from 'yaml';
import type * as z from 'zod';
import { writeFileAtomic } from '../inventory/atomic-file.js';
import { parseYamlText } from '../model/yaml-text.js';
import type { EdgePlanError } from '../plan/errors.js';
import { readInputFile } from './input-file.js';

type ErrorClass = new (message: string, options?: { hint?: string; cause?: unknown }) => EdgePlanError;

/** How one kind of document edgekit writes and reads back (plan, upgrade plan, snapshot) is checked. */
export interface DocumentRules<T> {
  schema: z.ZodType<T>;
  /** Thrown for text that is not the document, naming the source and what was wrong. */
  error: ErrorClass;
  /** `${source} is not ${what}: path: message`. */
  what: string;
  /** How to get a good one, added to shape errors. */
  hint?: string;
  /**
   * Checks of the raw mapping before its shape (kind, version), so an old or foreign file says what it
   * is rather than listing every field that differs.
   */
  preflight?(raw: Record<string, unknown>, source: string): void;
}

export type DocumentFormat = 'yaml' | 'json';

export function formatFromPath(path: string): DocumentFormat {
  return path.endsWith('.json') ? 'json' : 'yaml';
}

/**
 * The one reader and writer of edgekit's documents: YAML or JSON text (JSON is YAML) through the one
 * YAML parser, a mapping at the top, the preflight, then the zod schema with the first issue's path in
 * the one-line error; written atomically, YAML unless the path ends in `.json`.
 */
export function documentFile<T>(rules: DocumentRules<T>) {
  const parse = (text: string, source: string): T => {
    let raw: unknown;
    try {
      raw = parseYamlText(text);
    } catch (cause) {
      throw new rules.error(`${source} is neither valid YAML nor JSON: ${(cause as Error).message}`, {
        cause,
      });
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new rules.error(`${source} is not ${rules.what}: the top must be a mapping`);
    }
    rules.preflight?.(raw as Record<string, unknown>, source);
    const parsed = rules.schema.safeParse(raw);
    if (!parsed.success) {
      throw new rules.error(
        `${source} is not ${rules.what}: ${issuesLine(parsed.error.issues)}`,
        rules.hint === undefined ? {} : { hint: rules.hint },
      );
    }
    return parsed.data;
  };
  const serialize = (value: T, format: DocumentFormat = 'yaml'): string => {
    const checked = rules.schema.parse(value);
    return format === 'json'
      ? `${JSON.stringify(checked, null, 2)}\n`
      : stringifyYaml(checked, { lineWidth: 0 });
  };
  return {
    parse,
    serialize,
    load: async (path: string): Promise<T> => parse(await readInputFile(path), path),
    save: (path: string, value: T): Promise<void> =>
      writeFileAtomic(path, serialize(value, formatFromPath(path))),
  };
}
