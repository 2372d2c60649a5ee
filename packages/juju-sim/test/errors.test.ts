import { describe, expect, it } from 'vitest';
import { notImplementedBeforeLogin } from '../src/index.js';

describe('errors', () => {
  it('uses the not implemented code', () => {
    expect(notImplementedBeforeLogin('Client', 6, 'FullStatus')['error-code']).toBe('not implemented');
  });
});
