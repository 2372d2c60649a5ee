import { describe, expect, it } from 'vitest';
import { moveCursor, TOP } from '../src/ui/list.js';

describe('moveCursor', () => {
  it('scrolls only when the selection leaves the window', () => {
    let cursor = TOP;
    for (let i = 0; i < 9; i += 1) cursor = moveCursor(cursor, 1, 100, 10);
    expect(cursor).toEqual({ index: 9, offset: 0 });
    cursor = moveCursor(cursor, 1, 100, 10);
    expect(cursor).toEqual({ index: 10, offset: 1 });
    cursor = moveCursor(cursor, -5, 100, 10);
    expect(cursor).toEqual({ index: 5, offset: 1 });
  });

  it('clamps at both ends and keeps the window full', () => {
    expect(moveCursor(TOP, 'last', 5000, 18)).toEqual({ index: 4999, offset: 4982 });
    expect(moveCursor({ index: 3, offset: 2 }, -10, 5000, 18)).toEqual({ index: 0, offset: 0 });
    expect(moveCursor({ index: 40, offset: 30 }, 0, 12, 18)).toEqual({ index: 11, offset: 0 });
    expect(moveCursor({ index: 4, offset: 0 }, 1, 0, 18)).toEqual(TOP);
  });
});
