import { Box, Text } from 'ink';
import { fit } from '../../site/format.js';
import type { ListCursor } from '../list.js';
import { type Tone, useTheme } from '../theme.js';

export interface Column<Row> {
  header: string;
  /** Fixed width in cells; the last column takes what is left. */
  width?: number;
  align?: 'left' | 'right';
  cell: (row: Row) => string;
  tone?: (row: Row) => Tone | undefined;
}

interface Props<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  cursor: ListCursor;
  /** Visible body rows; only these are rendered whatever the list length. */
  height: number;
  width: number;
  rowKey: (row: Row) => string;
  emptyText: string;
  /** Dim the selection when another pane (details, a prompt) has the keys. */
  focused?: boolean;
}

function widths<Row>(columns: readonly Column<Row>[], total: number): number[] {
  const fixed = columns.reduce((sum, column) => sum + (column.width ?? 0) + 1, 0);
  return columns.map((column) => column.width ?? Math.max(4, total - fixed - 1));
}

/** A table that renders only the rows between cursor.offset and offset + height. */
export function WindowedTable<Row>(props: Props<Row>) {
  const { columns, rows, cursor, height, width, rowKey, emptyText, focused = true } = props;
  const theme = useTheme();
  const cellWidths = widths(columns, width);
  const visible = rows.slice(cursor.offset, cursor.offset + height);
  const last = Math.min(rows.length, cursor.offset + height);
  return (
    <Box flexDirection="column">
      <Text bold>
        {columns.map((column, i) => fit(column.header, cellWidths[i] ?? 0, column.align)).join(' ')}
      </Text>
      {visible.length === 0 ? <Text dimColor>{emptyText}</Text> : null}
      {visible.map((row, i) => {
        const selected = cursor.offset + i === cursor.index;
        return (
          <Text key={rowKey(row)} inverse={selected && focused} bold={selected && !focused} wrap="truncate">
            {columns.map((column, c) => {
              const tone = column.tone?.(row);
              const text = fit(column.cell(row), cellWidths[c] ?? 0, column.align);
              const colour = tone === undefined ? undefined : theme.tone(tone);
              return (
                <Text key={column.header} {...(colour === undefined ? {} : { color: colour })}>
                  {c === 0 ? text : ` ${text}`}
                </Text>
              );
            })}
          </Text>
        );
      })}
      <Text dimColor>
        {rows.length === 0 ? '0 rows' : `rows ${cursor.offset + 1}–${last} of ${rows.length}`}
      </Text>
    </Box>
  );
}
