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
 * The one field check of juju-sim's site-snapshot reader. Written by hand: juju-sim depends on no schema
 * library and never imports a client's schema (nor maas-sim's reader, which has its own). Each getter
 * checks one field and, when it is wrong, throws one line naming the field's path and what it must be.
 */
export class SnapshotReadError extends TypeError {
  constructor(path: string, message: string) {
    super(oneLine(`site snapshot: ${path}: ${message}`));
    this.name = 'SnapshotReadError';
  }
}

export function snapshotFail(path: string, message: string): never {
  throw new SnapshotReadError(path, message);
}

type Is<T> = (value: unknown) => value is T;

const isString: Is<string> = (value): value is string => typeof value === 'string';
const isNumber: Is<number> = (value): value is number => typeof value === 'number' && Number.isFinite(value);
const isBoolean: Is<boolean> = (value): value is boolean => typeof value === 'boolean';
const isList: Is<unknown[]> = (value): value is unknown[] => Array.isArray(value);
const isRecord: Is<Record<string, unknown>> = (value): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const MODEL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An object of the document at a path (`''` for the document itself), read one checked field at a time. */
export class SnapshotFields {
  private constructor(
    private readonly fields: Record<string, unknown>,
    private readonly path: string,
  ) {}

  static of(value: unknown, path = ''): SnapshotFields {
    if (!isRecord(value)) snapshotFail(path || '(root)', 'expected an object');
    return new SnapshotFields(value, path);
  }

  /** The unchecked value, for what is told apart before it is read (kind, version, an absent model). */
  raw(key: string): unknown {
    return this.fields[key];
  }

  text(key: string): string {
    return this.field(key, isString, 'a string');
  }

  textOrNull(key: string): string | null {
    return this.fields[key] === null ? null : this.text(key);
  }

  uuid(key: string): string {
    const value = this.text(key);
    return MODEL_UUID.test(value) ? value : snapshotFail(this.pathOf(key), 'expected a model UUID');
  }

  number(key: string): number {
    return this.field(key, isNumber, 'a number');
  }

  flag(key: string): boolean {
    return this.field(key, isBoolean, 'true or false');
  }

  /** A map of free-form values (an application's config), checked only to be an object. */
  record(key: string): Record<string, unknown> {
    return this.field(key, isRecord, 'an object');
  }

  object(key: string): SnapshotFields {
    return SnapshotFields.of(this.fields[key], this.pathOf(key));
  }

  /** A list of objects, each read by `read` at its own path (`units[2]`). */
  objects<T>(key: string, read: (entry: SnapshotFields) => T): T[] {
    const path = this.pathOf(key);
    return this.field(key, isList, 'a list').map((entry, i) =>
      read(SnapshotFields.of(entry, `${path}[${i}]`)),
    );
  }

  texts(key: string): string[] {
    const path = this.pathOf(key);
    return this.field(key, isList, 'a list').map((entry, i) =>
      isString(entry) ? entry : snapshotFail(`${path}[${i}]`, 'expected a string'),
    );
  }

  private pathOf(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  private field<T>(key: string, is: Is<T>, expected: string): T {
    const value = this.fields[key];
    if (is(value)) return value;
    const missing = value === undefined ? ' (the field is missing)' : '';
    return snapshotFail(this.pathOf(key), `expected ${expected}${missing}`);
  }
}
