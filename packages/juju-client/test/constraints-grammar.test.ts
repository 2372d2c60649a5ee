import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatConstraints, JujuInputError, parseConstraints } from '../src/index.js';

describe("constraints: Juju's grammar exactly (core/constraints)", () => {
  it('reads empty values as the zero value, as Juju does', () => {
    expect(parseConstraints('cores= mem= tags= zones=')).toEqual({ cores: 0, mem: 0, tags: [], zones: [] });
    expect(parseConstraints('cpu-cores=4 mem=1.5G root-disk=1e3')).toEqual({
      cores: 4,
      mem: 1536,
      'root-disk': 1000,
    });
  });

  it.each([
    ['cores=4abc', 'cores=4abc'],
    ['cores=1e3', 'cores=1e3'],
    ['cores=2.7', 'cores=2.7'],
    ['cores=-1', 'cores=-1'],
    ['cores=99999999999999999999', 'cores=99999999999999999999'],
    [`mem=${'9'.repeat(400)}`, 'mem=999'],
    ['mem=Infinity', 'mem=Infinity'],
    ['mem=NaN', 'mem=NaN'],
    ['mem=-5G', 'mem=-5G'],
    ['mem=8X', 'mem=8X'],
    ['arch=sparc', 'arch=sparc'],
    ['cores=1 cores=2', 'given twice'],
    ['constructor=1', 'unknown constraint'],
    ['__proto__=1', 'unknown constraint'],
    ['mem', 'malformed constraint'],
  ])('refuses %s naming the token', (text, named) => {
    expect(() => parseConstraints(text)).toThrow(JujuInputError);
    expect(() => parseConstraints(text)).toThrow(named);
  });

  it('formats what it parses back to the same value (tags= included)', () => {
    expect(formatConstraints(parseConstraints('tags='))).toBe('tags=');
    const token = fc.oneof(
      fc.nat({ max: 4096 }).map((n) => `cores=${n}`),
      fc.nat({ max: 2 ** 30 }).map((n) => `mem=${n}M`),
      fc.nat({ max: 2 ** 20 }).map((n) => `root-disk=${n}G`),
      fc
        .array(fc.stringMatching(/^\^?[a-z][a-z0-9-]{0,8}$/), { maxLength: 3 })
        .map((t) => `tags=${t.join(',')}`),
      fc.constantFrom('arch=amd64', 'arch=arm64', 'zones=a,b', 'spaces=', 'allocate-public-ip=true'),
    );
    fc.assert(
      fc.property(fc.uniqueArray(token, { selector: (t) => t.split('=')[0], maxLength: 5 }), (tokens) => {
        const value = parseConstraints(tokens.join(' '));
        expect(parseConstraints(formatConstraints(value))).toEqual(value);
      }),
      { seed: 20261205, numRuns: 2000 },
    );
  });
});
