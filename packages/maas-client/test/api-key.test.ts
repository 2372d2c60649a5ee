import { describe, expect, it } from 'vitest';
import { parseApiKey } from '../src/index.js';

describe('parseApiKey', () => {
  it('splits the three OAuth parts', () => {
    expect(parseApiKey('ck:tk:ts')).toEqual({ consumerKey: 'ck', tokenKey: 'tk', tokenSecret: 'ts' });
  });
  it('rejects a malformed key without echoing it', () => {
    expect(() => parseApiKey('ck:secretvalue')).toThrow(/three non-empty parts/);
    expect(() => parseApiKey('ck:secretvalue')).not.toThrow(/secretvalue/);
  });
});
