/** A request frame exactly as Juju's JSON codec reads it (apiserver/codec). */
export interface RequestFrame {
  'request-id': number;
  type: string;
  version: number;
  id?: string;
  request: string;
  params?: unknown;
}

/** Numbers request ids from 1, as every Juju client does; 0 is never sent. */
export class RequestIds {
  #next = 1;
  next(): number {
    return this.#next++;
  }
}
