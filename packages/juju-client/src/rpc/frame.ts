/** A request frame exactly as Juju's JSON codec reads it (rpc/jsoncodec/codec.go inMsgV1). */
export interface RequestFrame {
  'request-id': number;
  type: string;
  version: number;
  /** Object id: empty for ordinary facades; the watcher id for AllWatcher Next/Stop (top level, LP #2025110). */
  id?: string;
  request: string;
  params?: unknown;
}

/** A reply frame (outMsgV1). `response` may be `{}` next to `error`; `error-code` may be absent with `error`. */
export interface ResponseFrame {
  'request-id': number;
  response?: unknown;
  error?: string;
  'error-code'?: string;
  'error-info'?: Record<string, unknown>;
}

/** Numbers request ids from 1, as every Juju client does; 0 is the retired v0 codec and is never sent. */
export class RequestIds {
  #next = 1;
  next(): number {
    return this.#next++;
  }
  /** Whether this id was ever handed out (a late reply to a timed-out call was; a stray id was not). */
  issued(id: number): boolean {
    return Number.isInteger(id) && id >= 1 && id < this.#next;
  }
}

/** Parses one server text frame; returns a reason string instead of throwing when it is not a reply. */
export function parseResponseFrame(text: string): ResponseFrame | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return `not JSON (${(cause as Error).message})`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const frame = value as Record<string, unknown>;
  const id = frame['request-id'];
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) return 'missing or invalid request-id';
  if ('error' in frame && typeof frame.error !== 'string') return '`error` is not a string';
  if ('error-code' in frame && typeof frame['error-code'] !== 'string') return '`error-code` is not a string';
  const info = frame['error-info'];
  if (info !== undefined && info !== null && (typeof info !== 'object' || Array.isArray(info))) {
    return '`error-info` is not an object';
  }
  return frame as unknown as ResponseFrame;
}
