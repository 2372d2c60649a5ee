import { describe, expect, it } from 'vitest';
import { RequestIds } from '../src/internal.js';

describe('RequestIds', () => {
  it('starts at 1 and increases', () => {
    const ids = new RequestIds();
    expect([ids.next(), ids.next(), ids.next()]).toEqual([1, 2, 3]);
  });
});
