/** Selection in a long list plus the first visible row, so only a window of rows is ever rendered. */
export interface ListCursor {
  index: number;
  offset: number;
}

export const TOP: ListCursor = { index: 0, offset: 0 };

export type Move = number | 'first' | 'last';

/**
 * Moves the selection and scrolls the window just enough to keep it visible (like a pager, not
 * re-centring on every key, so the rows under the eye stay put).
 */
export function moveCursor(cursor: ListCursor, move: Move, total: number, height: number): ListCursor {
  if (total <= 0) return TOP;
  const rows = Math.max(1, height);
  const wanted = move === 'first' ? 0 : move === 'last' ? total - 1 : cursor.index + move;
  const index = Math.min(total - 1, Math.max(0, wanted));
  return { index, offset: fitOffset(cursor.offset, index, total, rows) };
}

/** Keeps `index` inside [offset, offset + rows) and the window inside the list. */
export function fitOffset(offset: number, index: number, total: number, rows: number): number {
  let next = offset;
  if (index < next) next = index;
  if (index >= next + rows) next = index - rows + 1;
  return Math.max(0, Math.min(next, Math.max(0, total - rows)));
}

/** A cursor still valid after the list shrank or grew (a filter changed, a refresh landed). */
export function clampCursor(cursor: ListCursor, total: number, height: number): ListCursor {
  return moveCursor(cursor, 0, total, height);
}
