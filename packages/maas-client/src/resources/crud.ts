import type * as z from 'zod';
import type { WireParams } from '../http/encode.js';
import type { RequestOptions } from '../http/request-options.js';
import type { MaasTransport } from '../http/transport.js';
import { listOf } from '../schemas/common.js';
import { ListPromise } from './list-promise.js';
import { Resource } from './resource.js';

export interface CrudSpec<S extends z.ZodType, K> {
  schema: S;
  /** Collection path, e.g. `zones/`. */
  collection: string;
  /** Object path, built with `apiPath` so the key is encoded. */
  item: (key: K) => string;
}

/** The collection/object pattern most MAAS nouns share: GET/POST collection, GET/PUT/DELETE object. */
export abstract class CrudResource<
  S extends z.ZodType,
  K,
  C extends object,
  U extends object,
> extends Resource {
  readonly #spec: CrudSpec<S, K>;
  readonly #list: z.ZodArray<S>;

  constructor(http: MaasTransport, spec: CrudSpec<S, K>) {
    super(http);
    this.#spec = spec;
    this.#list = listOf(spec.schema);
  }

  list(options?: RequestOptions): ListPromise<z.output<S>> {
    return ListPromise.from(() =>
      this.http.json(this.#list, { method: 'GET', path: this.#spec.collection }, options),
    );
  }

  async read(key: K, options?: RequestOptions): Promise<z.output<S>> {
    return this.http.json(this.#spec.schema, { method: 'GET', path: this.#spec.item(key) }, options);
  }

  async create(params: C, options?: RequestOptions): Promise<z.output<S>> {
    const body = { ...params } as WireParams;
    return this.http.json(this.#spec.schema, { method: 'POST', path: this.#spec.collection, body }, options);
  }

  async update(key: K, params: U, options?: RequestOptions): Promise<z.output<S>> {
    const body = { ...params } as WireParams;
    return this.http.json(this.#spec.schema, { method: 'PUT', path: this.#spec.item(key), body }, options);
  }

  async delete(key: K, options?: RequestOptions): Promise<void> {
    return this.http.empty({ method: 'DELETE', path: this.#spec.item(key) }, options);
  }
}
