import { parse as parseYaml } from 'yaml';
import { type PlacementErrorCode, placementError } from '../placement/errors.js';

/** Parses YAML text, turning a syntax error into a typed input error that says what the text was. */
export function readYaml(text: string, what: string, code: PlacementErrorCode, hint: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw placementError(code, `${what} is not YAML: ${(error as Error).message}`, '', hint);
  }
}
