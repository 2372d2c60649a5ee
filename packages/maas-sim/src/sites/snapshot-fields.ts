import { simError } from '../errors.js';

/**
 * Control characters written as escapes (a newline as `\n`): a name from the file may hold one, and the
 * error must stay one line.
 */
const oneLine = (text: string): string =>
  text.replace(/\p{Cc}/gu, (char) => {
    const escaped = JSON.stringify(char).slice(1, -1);
    return escaped === char ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : escaped;
  });

/**
 * The one field check of maas-sim's site-snapshot reader. Hand-written rather than zod because the
 * simulator depends on no schema library and imports no client's schema; each getter checks one field
 * and, when it is wrong, throws one line naming the field's path in the document and what it must be.
 */
export function snapshotFail(path: string, message: string): never {
  throw simError('invalid-option', oneLine(`site snapshot: ${path}: ${message}`));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isNonNegative = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** One object of the document and its path, read field by field. */
export class SnapshotFields {
  private constructor(
    private readonly value: Record<string, unknown>,
    readonly path: string,
  ) {}

  /** `value` as an object at `path` (`''` for the document itself, whose fields' paths are their keys). */
  static of(value: unknown, path = ''): SnapshotFields {
    return isObject(value)
      ? new SnapshotFields(value, path)
      : snapshotFail(path || '(root)', 'expected an object');
  }

  /** The raw value, for the few checks (kind, version) that report what they found. */
  raw(key: string): unknown {
    return this.value[key];
  }

  text(key: string): string {
    return this.check(key, (v): v is string => typeof v === 'string', 'a string');
  }

  textOrNull(key: string): string | null {
    return this.value[key] === null ? null : this.text(key);
  }

  /** A string that must be one of `choices`; the error lists them and quotes what was found. */
  oneOf<T extends string>(key: string, choices: readonly T[]): T {
    const value = this.text(key);
    const choice = choices.find((candidate) => candidate === value);
    return (
      choice ?? snapshotFail(this.at(key), `expected ${choices.join(' or ')}, got ${JSON.stringify(value)}`)
    );
  }

  number(key: string): number {
    return this.check(key, isNonNegative, 'a non-negative number');
  }

  integer(key: string): number {
    const value = this.number(key);
    return Number.isInteger(value) ? value : snapshotFail(this.at(key), 'expected an integer');
  }

  integerOrNull(key: string): number | null {
    return this.value[key] === null ? null : this.integer(key);
  }

  flag(key: string): boolean {
    return this.check(key, (v): v is boolean => typeof v === 'boolean', 'true or false');
  }

  object(key: string): SnapshotFields {
    return SnapshotFields.of(this.value[key], this.at(key));
  }

  /** A list of objects, each read by `read` with its own path (`machines[3]`). */
  objects<T>(key: string, read: (entry: SnapshotFields) => T): T[] {
    return this.list(key).map((entry, index) => read(SnapshotFields.of(entry, `${this.at(key)}[${index}]`)));
  }

  texts(key: string): string[] {
    return this.items(key, (v): v is string => typeof v === 'string', 'a string');
  }

  integers(key: string): number[] {
    return this.items(key, (v): v is number => typeof v === 'number' && Number.isInteger(v), 'an integer');
  }

  private at(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  private check<T>(key: string, is: (value: unknown) => value is T, expected: string): T {
    const value = this.value[key];
    if (is(value)) return value;
    return snapshotFail(
      this.at(key),
      value === undefined ? `expected ${expected} (the field is missing)` : `expected ${expected}`,
    );
  }

  private list(key: string): unknown[] {
    return this.check(key, (v): v is unknown[] => Array.isArray(v), 'a list');
  }

  private items<T>(key: string, is: (value: unknown) => value is T, expected: string): T[] {
    return this.list(key).map((item, index) =>
      is(item) ? item : snapshotFail(`${this.at(key)}[${index}]`, `expected ${expected}`),
    );
  }
}
