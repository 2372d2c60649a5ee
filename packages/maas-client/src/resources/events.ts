import { noSecrets, sleep } from '@edgekit/common';
import { createMaasError } from '../errors/factory.js';
import type { WireParams } from '../http/encode.js';
import type { RequestOptions } from '../http/request-options.js';
import { type EventLevels, type EventsPage, EventsPageSchema, type MaasEvent } from '../schemas/misc.js';
import { Resource } from './resource.js';

type Many<T> = T | readonly T[];

export interface EventFilters {
  hostname?: Many<string> | undefined;
  mac_address?: Many<string> | undefined;
  /** system_ids. */
  id?: Many<string> | undefined;
  zone?: Many<string> | undefined;
  agent_name?: string | undefined;
  owner?: string | undefined;
  /** Minimum level (default INFO); `AUDIT` selects audit events only. */
  level?: (typeof EventLevels)[number] | undefined;
}

export interface EventPageParams extends EventFilters {
  /** 1–1000 (MAAS default 100). */
  limit?: number | undefined;
  /** Only events newer than this id. */
  after?: number | undefined;
  /** Only events older than this id. */
  before?: number | undefined;
}

export interface FollowOptions extends Pick<RequestOptions, 'signal' | 'timeout'> {
  /** Poll interval in ms (default 5000). */
  intervalMs?: number | undefined;
  /** Start after this event id; default: only events newer than the newest one now. */
  after?: number | undefined;
}

const MAX_LIMIT = 1000;

export class Events extends Resource {
  /** One page of `GET /events/?op=query`, newest first. */
  async query(params: EventPageParams = {}, options?: RequestOptions): Promise<EventsPage> {
    if (params.after !== undefined && params.before !== undefined) {
      throw createMaasError.input(
        'events.query: give either `after` or `before`, not both (MAAS rejects the pair).',
      );
    }
    if (params.limit !== undefined && (params.limit < 1 || params.limit > MAX_LIMIT)) {
      throw createMaasError.input(`events.query: limit must be 1…${MAX_LIMIT}, got ${params.limit}.`);
    }
    return this.http.json(
      EventsPageSchema,
      { method: 'GET', path: 'events/', op: 'query', query: { ...params } as WireParams },
      options,
    );
  }

  /** Pages from the newest (or from `before`) back to the oldest event. */
  async *pages(
    params: Omit<EventPageParams, 'after'> = {},
    options?: RequestOptions,
  ): AsyncGenerator<EventsPage> {
    let before = params.before;
    for (;;) {
      const page = await this.query({ ...params, ...(before !== undefined ? { before } : {}) }, options);
      if (page.events.length === 0) return;
      yield page;
      before = Math.min(...page.events.map((e) => e.id));
    }
  }

  /** Every matching event, newest first, fetching older pages as the loop consumes them. */
  async *iterate(
    params: Omit<EventPageParams, 'after'> = {},
    options?: RequestOptions,
  ): AsyncGenerator<MaasEvent> {
    for await (const page of this.pages(params, options)) yield* page.events;
  }

  /**
   * Tails new events, oldest first, polling every `intervalMs` until the signal aborts (then it simply
   * ends). Catches up in pages of `limit` when many events arrived between polls.
   */
  async *follow(
    filters: EventFilters & { limit?: number } = {},
    options: FollowOptions = {},
  ): AsyncGenerator<MaasEvent> {
    const { signal } = options;
    const requestOptions: RequestOptions = {
      ...(signal ? { signal } : {}),
      ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    };
    const limit = filters.limit ?? 100;
    let cursor = options.after;
    try {
      if (cursor === undefined) {
        const newest = await this.query({ ...filters, limit: 1 }, requestOptions);
        cursor = newest.events[0]?.id ?? 0;
      }
      for (;;) {
        const page = await this.query({ ...filters, limit, after: cursor }, requestOptions);
        const fresh = page.events.filter((e) => e.id > cursor!).sort((a, b) => a.id - b.id);
        for (const event of fresh) {
          // Stop as soon as the consumer aborts, even in the middle of a page.
          if (signal?.aborted) return;
          cursor = event.id;
          yield event;
        }
        if (page.events.length >= limit) continue;
        await sleep(options.intervalMs ?? 5000, signal);
      }
    } catch (error) {
      if (signal?.aborted) return;
      throw createMaasError.unexpected(error, noSecrets);
    }
  }
}
