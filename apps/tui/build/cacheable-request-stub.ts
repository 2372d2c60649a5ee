// got imports cacheable-request (with keyv, http-cache-semantics, normalize-url: ~90 KB) at load but
// uses it only for requests made with its `cache` option, which no edgekit client sets. Leaving it out
// took ~15 ms off the first read's start (the worker alone, median of 15 interleaved runs). got also
// checks its errors against CacheError, which only the cache throws: this class is never thrown.
export class CacheError extends Error {}

export default class CacheableRequest {
  constructor() {
    throw new Error('HTTP caching is not available in the edgekit bin (got: cacheable-request is left out)');
  }
}
