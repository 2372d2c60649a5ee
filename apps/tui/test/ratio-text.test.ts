import { describe, expect, it } from 'vitest';
import { ratioText } from '../src/plan/ratio-text.js';

describe('over-commit ratios in words', () => {
  it('says a ratio under 1 means spare capacity, not advice', () => {
    expect(ratioText({ cpu: 0.4, memory: 0.3 })).toBe(
      'the existing hosts fit it without over-commit, using 40 % of their physical CPU and 30 % of their memory',
    );
  });

  it('names the over-commit needed, and what does not fit at all', () => {
    expect(ratioText({ cpu: 2.5, memory: 0.8 })).toBe(
      'the existing hosts fit it only with over-commit: at least CPU ×2.5 (smallest ratios that fit: cpu 2.5, memory 0.8)',
    );
    expect(ratioText({ cpu: null, memory: 1.2 })).toMatch(
      /do not fit it even at MAAS's highest over-commit \(10\) of CPU$/,
    );
  });
});
