import { Text } from 'ink';
import { useTheme } from '../theme.js';

interface Props {
  label: string;
  used: number;
  /** Physical capacity (total). */
  physical: number;
  /** Capacity after the over-commit ratio (total × ratio). */
  committable: number;
  width: number;
  unit?: string;
}

/**
 * One resource of one host as a bar: █ used, ░ free within the physical size, · extra room the
 * over-commit ratio grants, │ the physical edge. Characters carry the meaning, so it reads without colour.
 */
export function Bar({ label, used, physical, committable, width, unit = '' }: Props) {
  const theme = useTheme();
  const scale = Math.max(committable, physical, used, 1);
  const cells = (value: number) => Math.round((Math.max(0, value) / scale) * width);
  // Any use shows at least one cell, so a lightly used host never looks empty.
  const usedCells = Math.min(width, used > 0 ? Math.max(1, cells(used)) : 0);
  const physicalCells = Math.min(width, cells(physical));
  const committableCells = Math.min(width, cells(committable));
  const freePhysical = Math.max(0, physicalCells - usedCells);
  const extra = Math.max(0, committableCells - Math.max(usedCells, physicalCells));
  const rest = Math.max(0, width - usedCells - freePhysical - extra);
  const over = used > committable;
  const usedTone = over ? 'bad' : used > physical ? 'warn' : 'ok';
  const usedColour = theme.tone(usedTone);
  const edge = physicalCells > 0 && physicalCells < width ? 1 : 0;
  const fmt = (value: number) => `${Number.isInteger(value) ? value : value.toFixed(1)}${unit}`;
  return (
    <Text wrap="truncate">
      {label.padEnd(4)}{' '}
      <Text {...(usedColour === undefined ? {} : { color: usedColour })}>{'█'.repeat(usedCells)}</Text>
      {'░'.repeat(Math.max(0, freePhysical - edge))}
      {edge ? '│' : ''}
      <Text dimColor>{'·'.repeat(extra)}</Text>
      {' '.repeat(rest)} {fmt(used)}/{fmt(physical)} (oc {fmt(committable)}){over ? ' OVER' : ''}
    </Text>
  );
}
