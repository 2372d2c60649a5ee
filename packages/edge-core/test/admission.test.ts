import { describe, expect, it } from 'vitest';
import { admits } from '../src/index.js';

describe('MAAS admission', () => {
  it('8 cores at ratio 1.5 admit 12 vCPUs, not 13', () => {
    expect(admits(8, 1.5, 0, 12)).toBe(true);
    expect(admits(8, 1.5, 0, 13)).toBe(false);
  });
});
