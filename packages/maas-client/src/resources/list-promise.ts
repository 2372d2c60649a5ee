/**
 * The promise of a whole list that can also be walked with `for await`. MAAS lists are not paginated
 * (except events), so iteration simply yields the items of the one response.
 */
export class ListPromise<T> extends Promise<T[]> implements AsyncIterable<T> {
  // `then`/`catch` must return plain promises, not ListPromises built with the wrong executor.
  static override get [Symbol.species]() {
    return Promise;
  }

  static from<T>(load: () => Promise<T[]>): ListPromise<T> {
    return new ListPromise<T>((resolve, reject) => {
      load().then(resolve, reject);
    });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (const item of await this) yield item;
  }
}
