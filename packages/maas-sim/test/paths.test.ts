import { describe, expect, it } from 'vitest';
import { hasTrailingSlash } from '../src/index.js';

describe('paths', () => {
  it('requires the trailing slash', () => {
    expect(hasTrailingSlash('/MAAS/api/2.0/machines/')).toBe(true);
    expect(hasTrailingSlash('/MAAS/api/2.0/machines')).toBe(false);
  });
});
