import { describe, expect, it } from 'vitest';
import { GIB, MIB, parseSize } from '../src/index.js';

describe('parseSize', () => {
  it('reads sizes with and without units, around spaces', () => {
    expect(parseSize(' 8 GiB ', MIB)).toBe(8 * GIB);
    expect(parseSize('512', MIB)).toBe(512 * MIB);
    expect(parseSize('1.5G', MIB)).toBe(1.5 * GIB);
    expect(parseSize('8 parsecs', MIB)).toBeNull();
  });

  it('is linear on long runs of whitespace (it was quadratic: "1" + 300k spaces + "!" took over 20 s)', () => {
    // Counted in regex work, not time: 300k spaces cost what 3k cost times ~100, so a quadratic parser
    // (10,000 times the work) would not finish within the test timeout on any machine.
    for (const tail of ['!', 'G!', '']) {
      const text = `1${' '.repeat(300_000)}${tail}`;
      expect(parseSize(text, MIB)).toBe(tail === '' ? MIB : null);
    }
  });
});
